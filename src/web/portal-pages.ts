/**
 * The person's own pages of the portal, as the search finds them. They are not e-services or
 * inquiries, but people look for them with the same words ("مخالفات", "الإيقاف", "بياناتي"):
 * paying violations, the suspensions page, My data, payments, sessions, notifications...
 *
 * Each page's name and description are translated strings (`search.page.<id>.name` and
 * `.description` in ar.json and en.json), shown in the results; its keywords are the other words
 * people type for it, as a service's are, and are never shown.
 */
export interface PortalPage {
  /** Stable: the search answers with `page:<id>`. */
  id: string;
  href: string;
  keywords: { ar: readonly string[]; en: readonly string[] };
}

export const portalPages: readonly PortalPage[] = [
  {
    id: 'violations',
    href: '/violations',
    keywords: {
      ar: ['مخالفات', 'سداد المخالفات', 'دفع مخالفة', 'غرامة', 'غرامات مرورية', 'ساهر'],
      en: ['violations', 'pay violations', 'traffic fines', 'pay a fine', 'tickets', 'saher'],
    },
  },
  {
    id: 'suspensions',
    href: '/suspensions',
    keywords: {
      ar: ['إيقاف الخدمات', 'خدمات موقوفة', 'موقوف', 'رفع الإيقاف', 'إيقاف مؤقت', 'حظر'],
      en: ['suspension', 'suspended services', 'blocked services', 'lift suspension', 'ban'],
    },
  },
  {
    id: 'my-data',
    href: '/me',
    keywords: {
      ar: ['بياناتي', 'معلوماتي', 'بيانات شخصية', 'الملف الشخصي', 'وثائقي', 'أسرتي', 'مركباتي', 'عمالتي'],
      en: ['my data', 'my details', 'personal information', 'profile', 'my documents', 'my family', 'my vehicles'],
    },
  },
  {
    id: 'payments',
    href: '/payments',
    keywords: {
      ar: ['مدفوعاتي', 'الإيصالات', 'إيصال', 'سجل المدفوعات', 'المبالغ المستردة', 'استرداد', 'فاتورة', 'سداد'],
      en: ['payments', 'receipts', 'receipt', 'payment history', 'refunds', 'refund', 'bill'],
    },
  },
  {
    id: 'requests',
    href: '/requests',
    keywords: {
      ar: ['طلباتي', 'الطلبات السابقة', 'حالة الطلب', 'متابعة طلب', 'رقم الطلب'],
      en: ['my requests', 'previous requests', 'request status', 'track a request', 'applications'],
    },
  },
  {
    id: 'requests-made-to-me',
    href: '/requests/made-to-me',
    keywords: {
      ar: ['طلبات بانتظاري', 'طلبات مقدمة إلي', 'موافقة على طلب'],
      en: ['requests made to me', 'requests waiting for me', 'accept a request'],
    },
  },
  {
    id: 'inbox',
    href: '/inbox',
    keywords: {
      ar: ['الإشعارات', 'إشعار', 'تنبيهات', 'رسائلي', 'صندوق الوارد'],
      en: ['notifications', 'inbox', 'messages', 'alerts'],
    },
  },
  {
    id: 'sessions',
    href: '/me/sessions',
    keywords: {
      ar: ['الجلسات', 'جلساتي', 'تسجيل الدخول', 'الأجهزة', 'الأمان', 'تسجيل الخروج من الأجهزة'],
      en: ['sessions', 'signed in devices', 'devices', 'security', 'sign out everywhere', 'login history'],
    },
  },
  {
    id: 'viewed',
    href: '/me/viewed',
    keywords: {
      ar: ['من اطلع على بياناتي', 'سجل الاطلاع', 'الخصوصية', 'اطلاع الموظفين'],
      en: ['who viewed my data', 'access log', 'privacy', 'viewed by staff'],
    },
  },
  {
    id: 'mobile',
    href: '/me/mobile',
    keywords: {
      ar: ['رقم الجوال', 'تغيير الجوال', 'تحديث رقم الجوال', 'جوال جديد', 'الهاتف'],
      en: ['mobile number', 'change mobile', 'phone number', 'new phone'],
    },
  },
  {
    id: 'activate',
    href: '/me/activate',
    keywords: {
      ar: ['تفعيل', 'تفعيل الحساب', 'حساب غير مفعل'],
      en: ['activate', 'activate account', 'activation'],
    },
  },
  {
    id: 'inquiries',
    href: '/inquiries',
    keywords: {
      ar: ['الاستعلامات', 'استعلام', 'الاستعلام الإلكتروني'],
      en: ['inquiries', 'inquiry', 'look up', 'enquiry'],
    },
  },
  {
    id: 'register',
    href: '/register',
    keywords: {
      ar: ['تسجيل', 'حساب جديد', 'إنشاء حساب', 'تسجيل مستخدم'],
      en: ['register', 'sign up', 'create an account', 'new account'],
    },
  },
  {
    id: 'forgot-password',
    href: '/forgot-password',
    keywords: {
      ar: ['نسيت كلمة المرور', 'كلمة المرور', 'استعادة الحساب', 'كلمة السر'],
      en: ['forgot password', 'reset password', 'password', 'recover account'],
    },
  },
];
