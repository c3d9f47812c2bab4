/**
 * The hosted pages' own small stylesheet, served at STYLESHEET_PATH (the CSP allows no inline
 * styles). Kept in code rather than a file so the bundled server (dist/) serves it too.
 * Logical properties only, so the same rules lay out Arabic (RTL) and English (LTR).
 */

export const STYLESHEET_PATH = '/sandbox-acquirer/assets/acquirer.css';

export const stylesheet = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, 'Segoe UI', Tahoma, 'Noto Sans Arabic', 'Noto Sans', sans-serif; line-height: 1.6; color: #1f2430; background: #f3f4f7; }
body { margin: 0; }
a { color: #2446a8; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #f2b705; outline-offset: 2px; }
.sandbox-banner { margin: 0; background: #5b2b82; color: #fff; padding-block: 0.5rem; padding-inline: 1rem; text-align: center; font-weight: 600; }
.acquirer-header { background: #fff; border-block-end: 1px solid #d9dce4; }
.acquirer-header .row, main, .acquirer-footer p { max-inline-size: 34rem; margin-inline: auto; padding-inline: 1rem; }
.acquirer-header .row { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding-block: 0.75rem; }
.acquirer-brand { font-weight: 700; }
.acquirer-brand .tag { display: inline-block; margin-inline-start: 0.5rem; padding-inline: 0.4rem; border: 1px solid #5b2b82; border-radius: 4px; color: #5b2b82; font-size: 0.8rem; }
main { padding-block: 1.5rem; }
h1 { font-size: 1.5rem; margin-block: 0 1rem; }
h2 { font-size: 1.1rem; }
.summary { background: #fff; border: 1px solid #d9dce4; border-radius: 8px; padding: 1rem; margin-block-end: 1.5rem; }
.summary dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
.summary dt { color: #555c6e; }
.summary dd { margin: 0; font-weight: 600; }
.card-form, .code-form { background: #fff; border: 1px solid #d9dce4; border-radius: 8px; padding: 1rem; }
.field { margin-block-end: 1rem; }
.field label { display: block; font-weight: 600; }
.field-hint { margin-block: 0.1rem 0.3rem; color: #555c6e; font-size: 0.9rem; }
.field input { display: block; inline-size: 100%; padding: 0.6rem; font: inherit; font-size: 1.1rem; border: 2px solid #6b7285; border-radius: 6px; }
.field input[dir='ltr'] { text-align: start; }
.field-row { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.field-invalid input { border-color: #a4262c; }
.field-error { margin-block: 0.2rem; color: #a4262c; font-weight: 600; }
.error-summary { border: 3px solid #a4262c; background: #fdecec; border-radius: 8px; padding: 0.75rem 1rem; margin-block-end: 1rem; }
.error-summary h2 { margin-block: 0 0.5rem; }
.error-summary a { color: #a4262c; font-weight: 600; }
.test-hint { border: 2px dashed #5b2b82; background: #f5effa; border-radius: 8px; padding: 0.75rem 1rem; margin-block: 1rem; }
.test-hint strong { font-size: 1.2rem; letter-spacing: 0.1em; }
.button { display: inline-block; inline-size: 100%; padding: 0.75rem 1rem; border: 0; border-radius: 6px; background: #1b6b4b; color: #fff; font: inherit; font-weight: 700; font-size: 1.1rem; cursor: pointer; }
.button:hover { background: #14573d; }
.cancel-form { margin-block-start: 1rem; text-align: center; }
.link-button { padding: 0.5rem; border: 0; background: none; color: #2446a8; font: inherit; text-decoration: underline; cursor: pointer; }
.link-button:hover { color: #1a347f; }
.note { color: #555c6e; font-size: 0.9rem; }
details.test-cards { margin-block-start: 1.5rem; background: #fff; border: 1px solid #d9dce4; border-radius: 8px; padding: 0.75rem 1rem; }
details.test-cards summary { cursor: pointer; font-weight: 600; }
.test-cards table { border-collapse: collapse; inline-size: 100%; font-size: 0.9rem; }
.test-cards caption { text-align: start; font-weight: 600; padding-block: 0.5rem; }
.test-cards th, .test-cards td { border-block-end: 1px solid #e3e5eb; padding: 0.35rem; text-align: start; }
.ltr { direction: ltr; unicode-bidi: isolate; white-space: nowrap; }
.visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.acquirer-footer { border-block-start: 1px solid #d9dce4; padding-block: 1rem; color: #555c6e; font-size: 0.85rem; }
`;
