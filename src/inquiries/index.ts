/**
 * Inquiries (الاستعلامات): read-only services, one definition each in src/inquiries/<agency>/,
 * shown in the portal and the API, each printable. Other modules import only from here.
 */
export { defineInquiry, f, v, type InquiryDefinition, type InquiryContext, type InquiryResult, type InquiryItem, type InquiryField, type InquiryValue, type InquirySubjectKind } from './define.js';
export { createInquiryCatalogue, inquiryProblems, type InquiryCatalogue } from './catalogue.js';
export { inquiryDefinitions } from './all.js';
export { runInquiry, listInquirySubjects, subjectKindsOf, type InquiriesDeps, type InquiryAnswer } from './run.js';
export { subjectsOf, resolveSubject, type InquirySubject } from './subjects.js';
export { inquiryWebRoutes } from './web-routes.js';
export { inquiryRoutes } from './routes.js';
