import { translate, type Locale } from '../kernel/i18n/index.js';

/** The fixed words on a proof PDF, from the language catalogues (keys `proofs.*`). */
export interface ProofPdfLabels {
  platformName: string;
  /** The platform's name in the other language, under the first. */
  platformNameOther: string;
  reference: string;
  issuedAt: string;
  verifyHeading: string;
  verifyHint: string;
}

export function proofPdfLabels(locale: Locale): ProofPdfLabels {
  return {
    platformName: translate(locale, 'proofs.platform_name'),
    platformNameOther: translate(locale, 'proofs.platform_name_other'),
    reference: translate(locale, 'proofs.reference'),
    issuedAt: translate(locale, 'proofs.issued_at'),
    verifyHeading: translate(locale, 'proofs.verify_heading'),
    verifyHint: translate(locale, 'proofs.verify_hint'),
  };
}
