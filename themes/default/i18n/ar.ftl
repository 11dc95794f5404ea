# كلمات سمة folio الافتراضية وتسميات العارض، بالعربية.

## الترويسة والشريط الجانبي والتذييل

skip-to-content = انتقل إلى المحتوى
site-nav-label = الموقع
tags = الوسوم
feed = الخلاصة
dark-mode = الوضع الداكن
toggle-dark-mode = تبديل الوضع الداكن
guide-contents = محتويات الدليل
guide-nav-label = الدليل
breadcrumb-label = مسار التنقل
atom-feed = خلاصة Atom
built-with = أُنشئ باستخدام { $generator }
language-menu-label = اللغة

## التواريخ: أسماء الأشهر كما تُكتب في التاريخ، ثم التاريخ نفسه.

month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
date = { $day } { $month } { $year }

## المقالات

published = نُشر في
updated = حُدّث في
by = بقلم
reading-time =
    { $minutes ->
        [one] وقت القراءة: دقيقة واحدة
        [two] وقت القراءة: دقيقتان
        [few] وقت القراءة: { $minutes } دقائق
       *[other] وقت القراءة: { $minutes } دقيقة
    }
on-this-page = في هذه الصفحة
previous = السابق
next = التالي
previous-and-next-label = السابق والتالي
pagination-label = ترقيم الصفحات
pagination-page = الصفحة
draft = مسودة
scheduled = مجدول
tags-label = الوسوم

## الأسئلة والأجوبة

kind-question = سؤال وجواب
kind-article = مقال
status-accepted = مقبول
status-answered = تمت الإجابة
status-unanswered = بلا إجابة
answer-count =
    { $count ->
        [zero] لا توجد إجابات
        [one] إجابة واحدة
        [two] إجابتان
        [few] { $count } إجابات
        [many] { $count } إجابة
       *[other] { $count } إجابة
    }
vote-count =
    { $count ->
        [zero] لا توجد أصوات
        [one] صوت واحد
        [two] صوتان
        [few] { $count } أصوات
        [many] { $count } صوتًا
       *[other] { $count } صوت
    }
# الكلمة بعد الرقم في مربع أصوات الإجابة.
votes-label =
    { $count ->
        [zero] صوت
        [one] صوت
        [two] صوتان
        [few] أصوات
        [many] صوتًا
       *[other] صوت
    }
asked-by = طرح السؤال:
answers = الإجابات
accepted-answer = الإجابة المقبولة
answer = إجابة
# قبل اسم الكاتب: «إجابة من آنا».
answer-by = من
permalink = رابط
permalink-answer = إلى هذه الإجابة
permalink-reply = رابط إلى هذا الرد
replies-to-question = الردود على السؤال
replies-to-answer = الردود على هذه الإجابة
no-answers-title = لا توجد إجابات بعد
no-answers-text = لم يُجب أحد عن هذا السؤال حتى الآن.

## القوائم

nav-all-pages = كل الصفحات ({ $count })
page-count =
    { $count ->
        [zero] لا توجد صفحات
        [one] صفحة واحدة
        [two] صفحتان
        [few] { $count } صفحات
        [many] { $count } صفحة
       *[other] { $count } صفحة
    }
# بعد عدد صفحات الوسم، لقارئات الشاشة: «12 صفحة».
pages-word =
    { $count ->
        [zero] صفحة
        [one] صفحة
        [two] صفحتان
        [few] صفحات
        [many] صفحة
       *[other] صفحة
    }
sections = الأقسام
recent-articles = أحدث المقالات
recent-questions = أحدث الأسئلة
subsections = الأقسام الفرعية
pages = الصفحات
pages-of = ({ $current } من { $total })
section-empty-title = لا شيء هنا بعد
section-empty-text = لا يحتوي هذا القسم على صفحات حتى الآن.
tagged = الوسم
tagged-title = الوسم «{ $tag }»
page-of = الصفحة { $current } من { $total }
listing-page-title = { $title } (الصفحة { $current } من { $total })
tag-feed = خلاصة Atom لهذا الوسم
all-tags = كل الوسوم
tag-empty = لا توجد صفحات بالوسم { $tag }
tags-lead = تصفّح المقالات والأسئلة حسب الموضوع.
tags-empty-title = لا توجد وسوم بعد
tags-empty-text = تذكر الصفحات وسومها في ترويسة البيانات (front matter)، ولا تحمل أيٌّ منها وسومًا حتى الآن.

## صفحة 404 وإعادة التوجيه

not-found-title = الصفحة غير موجودة
not-found-text = الصفحة التي تبحث عنها غير موجودة أو نُقلت.
back-home = العودة إلى الصفحة الرئيسية
guide-sections = أقسام هذا الدليل
# في الصفحة التي يتركها الاسم البديل في العنوان القديم، قبل الرابط.
moved-to = نُقلت هذه الصفحة إلى

## الترجمات

# { $language } هي لغة النص الأصلي باسمها في لغتها («English»).
translation-outdated = تغيّر النص الأصلي ({ $language }) منذ ترجمة هذه الصفحة.
read-original = اقرأ النص الأصلي

## كتل الشيفرة (زر النسخ)

copy = نسخ
copy-code = نسخ الشيفرة
copy-language-code = نسخ شيفرة { $language }
copied = تم النسخ
copy-failed = تعذّر النسخ

## تسميات يكتبها folio في المحتوى

heading-anchor = رابط إلى هذا القسم: { $title }
footnotes = الحواشي
footnote-back = العودة إلى الإحالة { $number }
table = جدول
table-of = جدول: { $columns }
alert-note = ملاحظة
alert-tip = نصيحة
alert-important = مهم
alert-warning = تحذير
alert-caution = تنبيه
task-done = منجزة
task-open = غير منجزة

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = بحث
search-placeholder = ابحث في الدليل
# How many results a query found.
search-results =
    { $count ->
        [zero] لا نتائج
        [one] نتيجة واحدة
        [two] نتيجتان
        [few] { $count } نتائج
        [many] { $count } نتيجة
       *[other] { $count } نتيجة
    }
search-no-results = لا توجد نتائج لـ «{ $query }»
search-error = تعذّر تحميل البحث. حاول لاحقًا.
# What a result is, beside its author.
search-question = سؤال
search-answer = إجابة
search-accepted-answer = إجابة مقبولة
search-reply = تعليق
# Above the search box of the page shown for a missing page.
not-found-search = أو ابحث عنها:
