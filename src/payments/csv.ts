/**
 * A small RFC 4180 CSV reader for the banks' settlement files: fields separated by commas,
 * records by CRLF or LF; a field may be quoted ("...") and then hold commas, line breaks and
 * doubled quotes (""). A byte order mark at the start is ignored, and so are blank lines at the
 * end of the file. Everything else that is not CSV is reported with the line it starts on,
 * never skipped: a settlement file that loses a line silently loses money.
 */

export interface CsvRecord {
  /** The line (1-based) the record starts on; a quoted field may carry it over several lines. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

export function parseCsv(input: string): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let problem: string | undefined;
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < text.length) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) problem ??= 'a quoted field is not closed before the end of the file';
        else if (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          problem ??= `unexpected text after the closing quote of field ${fields.length + 1}`;
          while (i < text.length && text[i] !== ',' && text[i] !== '\n') i++;
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"') problem ??= `a quote inside the unquoted field ${fields.length + 1} (quote the whole field and double the quote)`;
          if (text[i] === '\r') problem ??= `a carriage return inside the unquoted field ${fields.length + 1}`;
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    // The record's line break.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    if (problem) problems.push({ line: start, message: problem });
    else records.push({ line: start, fields });
  }
  // Blank lines at the end are the editor's, not records; a blank line between records is not.
  while (records.length > 0 && isBlank(records[records.length - 1]!)) records.pop();
  for (const record of records) if (isBlank(record)) problems.push({ line: record.line, message: 'a blank line between records' });
  problems.sort((a, b) => a.line - b.line);
  return { records: records.filter((r) => !isBlank(r)), problems };
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.fields[0]!.trim() === '';
}
