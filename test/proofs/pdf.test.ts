import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderProofPdf, type ProofPdfInput } from '../../src/proofs/index.js';

const verifyUrl = `https://tayseer.example.gov/verify/${'eyJ2IjoxLCJ0IjoicmVxdWVzdCJ9'.repeat(9)}.${'A'.repeat(86)}`;

const arabicProof: ProofPdfInput = {
  locale: 'ar',
  title: 'إصدار بطاقة هوية وطنية بدل مفقود',
  subtitle: 'إثبات تقديم طلب',
  reference: 'TR7K4M9QXPE',
  issuedAt: new Date('2026-11-23T16:08:09Z'),
  sections: [
    {
      heading: 'بيانات مقدم الطلب',
      rows: [
        { label: 'الاسم', value: 'عبدالله م*** ا***' },
        { label: 'رقم الهوية', value: '1******016' },
      ],
    },
    { heading: 'بيانات الطلب', rows: [{ label: 'تاريخ الفقدان', value: '2026-11-20' }] },
  ],
  verifyUrl,
  footer: 'هذه الوثيقة صادرة إلكترونيا من منصة تيسير.',
};

const englishProof: ProofPdfInput = {
  ...arabicProof,
  locale: 'en',
  title: 'Replace a lost national ID card',
  subtitle: 'Proof of application',
  sections: [{ heading: 'Applicant', rows: [{ label: 'Name', value: 'Abdullah M*** A***' }, { label: 'Name in Arabic', value: 'عبدالله م*** ا***' }] }],
  footer: 'Issued electronically by Tayseer.',
};

function pageCount(pdf: string): number {
  return pdf.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

describe('proof PDFs', () => {
  it('are one-page PDFs with the Arabic font embedded as a subset', async () => {
    for (const input of [arabicProof, englishProof]) {
      const pdf = await renderProofPdf(input);
      const text = pdf.toString('latin1');
      assert.equal(text.slice(0, 5), '%PDF-');
      assert.match(text.slice(-8), /%%EOF\s*$/);
      assert.equal(pageCount(text), 1, input.locale);
      assert.match(text, /\/BaseFont \/[A-Z]{6}\+IBMPlexSansArabic-Regular/);
      assert.match(text, /\/FontFile2 /, 'the font program is embedded');
      assert.doesNotMatch(text, /\/BaseFont \/Helvetica/, 'no text fell back to a standard font');
      assert.match(text, new RegExp(`/Lang \\(${input.locale}\\)`));
      assert.ok(pdf.length < 150_000, `${pdf.length} bytes`);
    }
  });

  it('stay one page however many rows they are given', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ label: `البند ${i + 1}`, value: 'قيمة طويلة بعض الشيء تمتد على أكثر من سطر واحد في الجدول لتختبر الالتفاف' }));
    const pdf = await renderProofPdf({ ...arabicProof, sections: [{ heading: 'بنود', rows }] });
    assert.equal(pageCount(pdf.toString('latin1')), 1);
  });

  it('accept a reference that is not a Tayseer reference, printed as given', async () => {
    const pdf = await renderProofPdf({ ...englishProof, reference: 'SADAD 1234567890', labels: { reference: 'SADAD bill' } });
    assert.equal(pdf.toString('latin1', 0, 5), '%PDF-');
  });
});
