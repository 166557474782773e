# كلمات التطبيق باللغة العربية. المعرّفات نفسها كما في en.ftl.

## The whole app

app-name = جهات الاتصال
loading = جارٍ التحميل…
retry = إعادة المحاولة
cancel = إلغاء
save = حفظ
connection-lost = انقطع الاتصال — جارٍ إعادة المحاولة
update-ready = يتوفر إصدار جديد —
update-reload = إعادة التحميل
page-missing = هذه الصفحة غير موجودة.
part-missing = هذا الجزء من التطبيق ليس على هذا الجهاز بعد. اتصل بالإنترنت وحاول مرة أخرى، أو أعد تحميل التطبيق.
not-sent-yet = لم يُرسَل بعد
saved = تم الحفظ
# $reason: Odoo's own words, or one of the error messages below.
not-saved = لم يتم الحفظ: { $reason }

## Sign-in

sign-in-title = تسجيل الدخول
sign-in-hint = استخدم بيانات تسجيل الدخول إلى Odoo.
sign-in-button = تسجيل الدخول
signing-in = جارٍ تسجيل الدخول…
session-expired = انتهت صلاحية جلستك. يُرجى تسجيل الدخول مجددًا.
database = قاعدة البيانات
login = اسم المستخدم
password = كلمة المرور
password-show = إظهار
password-hide = إخفاء
two-factor = يستخدم هذا الحساب المصادقة الثنائية، وهي غير مدعومة في هذا التطبيق حتى الآن. استخدم صفحة تسجيل الدخول في Odoo.
open-odoo-login = فتح صفحة تسجيل الدخول في Odoo
sign-in-offline = أنت غير متصل بالإنترنت. يتطلب تسجيل الدخول الاتصال بالشبكة.

## The bar on every page, and signing out

sign-out = تسجيل الخروج
unsent-changes =
    { $count ->
        [zero] لا توجد تعديلات غير مُرسَلة.
        [one] تعديل واحد لم يُرسَل بعد.
        [two] تعديلان لم يُرسَلا بعد.
        [few] { $count } تعديلات لم تُرسَل بعد.
        [many] { $count } تعديلًا لم تُرسَل بعد.
       *[other] { $count } تعديل لم تُرسَل بعد.
    }
send-now = إرسال الآن
sign-out-discard = تسجيل الخروج وتجاهل التعديلات

## The list

search-label = البحث في جهات الاتصال
search-placeholder = ابحث بالاسم أو البريد الإلكتروني أو المرجع أو الرقم الضريبي…
filters = عرض
filter-all = الكل
filter-companies = الشركات
filter-people = الأفراد
# Which rows are loaded, of how many match: "1–80 من 12,345".
# The range is wrapped in invisible left-to-right isolates (U+2066 … U+2069):
# without them "1–80" reads "80–1" in a right-to-left line.
range = ⁦1–{ $shown }⁩ من { $total }
contacts-count =
    { $count ->
        [zero] لا توجد جهات اتصال
        [one] جهة اتصال واحدة
        [two] جهتا اتصال
        [few] { $count } جهات اتصال
        [many] { $count } جهة اتصال
       *[other] { $count } جهة اتصال
    }
loading-contacts = جارٍ تحميل جهات الاتصال…
no-match = لا توجد جهات اتصال مطابقة.
# $time: when the device kept the contacts shown, e.g. 14:02.
offline-since = غير متصل — عرض جهات الاتصال المحفوظة في { $time }
new-person = فرد جديد
new-company = شركة جديدة
unsent-contacts = جهات اتصال جديدة لم تُرسَل بعد

## A contact's card

back = → رجوع
loading-contact = جارٍ تحميل جهة الاتصال…
contact-missing = جهة الاتصال هذه غير موجودة أو تمت أرشفتها.
address = العنوان
open-map = عرض على الخريطة
vat = الرقم الضريبي
reference = المرجع
people = الأفراد
discard-change = تجاهل تعديلي
edit = تعديل
archive = أرشفة
restore = استعادة
conflict-intro = عدّل شخص آخر جهة الاتصال هذه على الخادم أيضًا. لكل حقل، احتفظ بقيمتك أو اعتمد القيمة الموجودة على الخادم:
conflict-field = الحقل
conflict-yours = قيمتك
conflict-theirs = على الخادم
save-choices = حفظ اختياراتي

## The form

new-person-title = فرد جديد
new-company-title = شركة جديدة
edit-title = تعديل جهة الاتصال
kind = النوع
kind-person = فرد
kind-company = شركة
name-required = يجب أن يكون لجهة الاتصال اسم.
type-to-search = اكتب للبحث…
# $name: a tag the user typed that does not exist yet.
new-tag = علامة تصنيف جديدة «{ $name }»
# $name: a company, country or tag chosen in the form.
remove-choice = إزالة { $name }

## The fields of a contact (the form's labels, the card's, a conflict's)

field-name = الاسم
field-parent_id = الشركة
field-function = المنصب الوظيفي
field-email = البريد الإلكتروني
field-phone = الهاتف
field-mobile = الهاتف المحمول
field-street = الشارع
field-city = المدينة
field-zip = الرمز البريدي
field-country_id = الدولة
field-website = الموقع الإلكتروني
field-category_id = علامات التصنيف
field-comment = الملاحظات
field-active = نشط

## What went wrong, in words for people (Odoo's own sentence is shown
## instead when it gave one)

error-session-expired = انتهت صلاحية جلستك. يُرجى تسجيل الدخول مجددًا.
error-wrong-password = اسم المستخدم أو كلمة المرور غير صحيحة.
error-too-many-attempts = محاولات تسجيل دخول فاشلة كثيرة جدًا: يُرجى الانتظار دقيقة قبل المحاولة مجددًا.
error-no-database = لا توجد على هذا الخادم قاعدة بيانات بهذا الاسم.
error-not-allowed = ليس لديك صلاحية للقيام بهذا الإجراء.
error-missing = هذا السجل لم يعد موجودًا.
error-refused = رفض Odoo هذا التعديل.
error-not-offered = لا يوفّر الخادم ما طلبه التطبيق.
error-server = حدث خطأ في الخادم.
# $name: the kind of error, as Odoo names it (e.g. KeyError).
error-server-named = حدث خطأ في الخادم ({ $name }).
error-http = ردّ الخادم بصفحة خطأ (HTTP { $status }).
error-network = تعذّر الوصول إلى الخادم. تحقّق من اتصالك.
error-offline = أنت غير متصل بالإنترنت.
error-timeout = استغرق الخادم وقتًا طويلًا في الرد.
error-cancelled = تم إلغاء الطلب.
error-shape = أرسل الخادم ردًا لا يفهمه هذا التطبيق.
