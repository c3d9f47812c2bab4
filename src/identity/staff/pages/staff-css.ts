/**
 * The staff portal's few extra styles (served at /staff/assets/staff.css: the CSP allows no
 * inline styles). The issued code is large, grouped and left to right; printing keeps only
 * the slip.
 */
export const STAFF_CSS = `
.staff-bar { background: #0b3d2e; color: #fff; font-weight: 600; }
.staff-bar .container { padding-block: 0.35rem; }
.staff-role { display: block; color: #4a5a55; }
.staff-links { display: grid; gap: 0.75rem; padding: 0; list-style: none; }
.issued-code { direction: ltr; unicode-bidi: isolate; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 2.75rem; font-weight: 700; letter-spacing: 0.15em; display: flex; gap: 1.25rem; flex-wrap: wrap; justify-content: center; margin: 1rem 0; }
.issued-code span { border: 2px solid #0b3d2e; border-radius: 0.5rem; padding: 0.25rem 0.75rem; }
.slip { border: 2px dashed #0b3d2e; border-radius: 0.75rem; padding: 1.25rem; }
.slip dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
.checkbox { display: flex; gap: 0.5rem; align-items: flex-start; }
.checkbox input { width: 1.5rem; height: 1.5rem; flex: none; }
.staff-table td form { margin: 0; }
@media print {
  .staff-bar, .no-print, .skip-link { display: none !important; }
  .slip { border-color: #000; }
  .issued-code span { border-color: #000; }
}
`;
