import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFields, checkFileBytes, detectFileType, displayValue, field, formatBytes, UPLOAD_MAX_BYTES } from '../../src/catalogue/fields.js';
import { fieldErrorMessage } from '../../src/kernel/errors.js';
import { hasKey, translator } from '../../src/kernel/i18n/index.js';

/** The file field: the type read from the first bytes, the size limit, and the refusals in both languages. */

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');
const scan = field.file('scan', { label: { ar: 'صورة الجواز', en: 'Passport scan' }, accept: ['jpeg', 'png', 'pdf'], maxBytes: UPLOAD_MAX_BYTES });
const imagesOnly = field.file('photo', { label: { ar: 'صورة', en: 'Photo' }, accept: ['jpeg', 'png'], maxBytes: 1024 });

describe('file field', () => {
  it('knows JPEG, PNG and PDF by their first bytes, and nothing else', () => {
    assert.equal(detectFileType(JPEG), 'jpeg');
    assert.equal(detectFileType(PNG), 'png');
    assert.equal(detectFileType(PDF), 'pdf');
    for (const other of [Buffer.from('GIF89a'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('PK\x03\x04'), Buffer.from([0xff, 0xd8]), Buffer.from('%PDF'), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(0)]) {
      assert.equal(detectFileType(other), null, other.toString('hex'));
    }
    // A file named .png holding a script is still not a PNG: only the bytes count.
    assert.equal(detectFileType(Buffer.from('<script>alert(1)</script>')), null);
  });

  it('takes a file of an accepted type up to the limit, to the byte', () => {
    assert.deepEqual(checkFileBytes(scan, PNG), { type: 'png' });
    assert.deepEqual(checkFileBytes(scan, PDF), { type: 'pdf' });
    const exactly = Buffer.concat([JPEG, Buffer.alloc(UPLOAD_MAX_BYTES - JPEG.length)]);
    assert.deepEqual(checkFileBytes(scan, exactly), { type: 'jpeg' });
    const over = Buffer.concat([JPEG, Buffer.alloc(UPLOAD_MAX_BYTES - JPEG.length + 1)]);
    assert.deepEqual(checkFileBytes(scan, over), { problem: { key: 'uploads.too_large', params: { sizeAr: '2 ميجابايت', sizeEn: '2 MB' } } });
  });

  it('refuses a type the field does not take, an empty file and an oversized one, in Arabic and English', () => {
    const t = { ar: translator('ar'), en: translator('en') };
    const refusal = (bytes: Buffer, spec = scan) => {
      const result = checkFileBytes(spec, bytes);
      assert.ok('problem' in result);
      return { ar: fieldErrorMessage({ field: 'scan.scan', ...result.problem }, t.ar, 'ar'), en: fieldErrorMessage({ field: 'scan.scan', ...result.problem }, t.en, 'en') };
    };
    const gif = refusal(Buffer.from('GIF89a....'));
    assert.match(gif.en, /not accepted\. Accepted types: JPEG, PNG, PDF/);
    assert.match(gif.ar, /نوع الملف غير مقبول\. الأنواع المقبولة: JPEG، PNG، PDF،/);
    const pdfForImages = refusal(PDF, imagesOnly);
    assert.match(pdfForImages.en, /Accepted types: JPEG, PNG;/);
    const big = refusal(Buffer.concat([PNG, Buffer.alloc(2000)]), imagesOnly);
    assert.match(big.en, /larger than the limit \(1 KB\)/);
    assert.match(big.ar, /حجم الملف أكبر من الحد المسموح \(1 كيلوبايت\)/);
    const empty = refusal(Buffer.alloc(0));
    assert.match(empty.en, /empty/);
    assert.match(empty.ar, /فارغ/);
    for (const key of ['uploads.required', 'uploads.empty', 'uploads.too_large', 'uploads.type_not_accepted', 'uploads.not_found', 'uploads.attached', 'uploads.kept', 'uploads.accepts', 'uploads.open', 'uploads.no_such_field']) assert.ok(hasKey(key), key);
  });

  it("carries an upload's id in the form, asks for one when missing, and shows it as attached", () => {
    const id = '01920000-0000-7000-8000-000000000001';
    assert.deepEqual(checkFields([scan], { scan: id }, '2026-11-01'), { values: { scan: id }, errors: [] });
    assert.deepEqual(checkFields([scan], {}, '2026-11-01', 'step.').errors, [{ field: 'step.scan', key: 'uploads.required' }]);
    assert.deepEqual(checkFields([scan], { scan: '../../etc/passwd' }, '2026-11-01').errors, [{ field: 'scan', key: 'uploads.not_found' }]);
    assert.equal(displayValue(scan, id, 'en', translator('en')), 'File attached');
    assert.equal(displayValue(scan, id, 'ar', translator('ar')), 'تم إرفاق الملف');
    assert.equal(formatBytes(UPLOAD_MAX_BYTES), '2 MB');
  });
});
