# המחרוזות של ערכת הנושא של folio ותוויות המעבד, בעברית.

## כותרת עליונה, סרגל צד, כותרת תחתונה

skip-to-content = דילוג לתוכן
site-nav-label = אתר
tags = תגיות
feed = פיד
dark-mode = מצב כהה
toggle-dark-mode = החלפת מצב כהה
guide-contents = תוכן המדריך
guide-nav-label = מדריך
breadcrumb-label = פירורי לחם
atom-feed = פיד Atom
built-with = נבנה באמצעות { $generator }
language-menu-label = שפה

## תאריכים: שמות החודשים כפי שהם נכתבים בתאריך, והתאריך עצמו.

month-1 = בינואר
month-2 = בפברואר
month-3 = במרץ
month-4 = באפריל
month-5 = במאי
month-6 = ביוני
month-7 = ביולי
month-8 = באוגוסט
month-9 = בספטמבר
month-10 = באוקטובר
month-11 = בנובמבר
month-12 = בדצמבר
date = { $day } { $month } { $year }

## מאמרים

published = פורסם
updated = עודכן
by = מאת
reading-time = { $minutes } דק׳ קריאה
on-this-page = בדף זה
previous = הקודם
next = הבא
previous-and-next-label = הקודם והבא
pagination-label = עימוד
pagination-page = עמוד
draft = טיוטה
scheduled = מתוזמן
tags-label = תגיות

## שאלות ותשובות

kind-question = שאלות ותשובות
kind-article = מאמר
status-accepted = נפתרה
status-answered = נענתה
status-unanswered = ללא מענה
answer-count =
    { $count ->
        [one] תשובה אחת
        [two] שתי תשובות
       *[other] { $count } תשובות
    }
vote-count =
    { $count ->
        [one] קול אחד
        [two] שני קולות
       *[other] { $count } קולות
    }
# המילה שאחרי המספר בתיבת ההצבעה של תשובה.
votes-label =
    { $count ->
        [one] קול
        [two] קולות
       *[other] קולות
    }
asked-by = נשאל על ידי
answers = תשובות
accepted-answer = תשובה מקובלת
answer = תשובה
# לפני שם הכותב: „תשובה מאת Ana”.
answer-by = מאת
permalink = קישור
permalink-answer = לתשובה זו
permalink-reply = קישור לתגובה זו
replies-to-question = תגובות לשאלה
replies-to-answer = תגובות לתשובה זו
no-answers-title = אין עדיין תשובות
no-answers-text = עד כה איש לא ענה על השאלה הזו.

## רשימות

nav-all-pages =
    { $count ->
        [one] עמוד אחד
        [two] שני העמודים
       *[other] כל { $count } העמודים
    }
page-count =
    { $count ->
        [one] עמוד אחד
        [two] שני עמודים
       *[other] { $count } עמודים
    }
# אחרי מספר העמודים של תגית, לקוראי מסך: „12 עמודים”.
pages-word =
    { $count ->
        [one] עמוד
        [two] עמודים
       *[other] עמודים
    }
sections = מדורים
recent-articles = מאמרים אחרונים
recent-questions = שאלות אחרונות
subsections = תת־מדורים
pages = עמודים
pages-of = ({ $current } מתוך { $total })
section-empty-title = אין כאן עדיין כלום
section-empty-text = במדור הזה אין עדיין עמודים.
tagged = מתויג
tagged-title = מתויג „{ $tag }”
page-of = עמוד { $current } מתוך { $total }
listing-page-title = { $title } (עמוד { $current } מתוך { $total })
tag-feed = פיד Atom לתגית זו
all-tags = כל התגיות
tag-empty = אין עמודים עם התגית { $tag }
tags-lead = עיון במאמרים ובשאלות לפי נושא.
tags-empty-title = אין עדיין תגיות
tags-empty-text = עמודים מציינים את התגיות שלהם ב־front matter; לאף עמוד אין תגיות עדיין.

## עמוד 404 והפניות

not-found-title = העמוד לא נמצא
not-found-text = העמוד שחיפשת לא קיים או שהועבר.
back-home = חזרה לדף הבית
guide-sections = מדורי המדריך
# בעמוד שכינוי משאיר בכתובת ישנה, לפני הקישור לעמוד.
moved-to = העמוד הועבר אל

## תרגומים

# { $language } היא שפת המקור, בשמה בשפה עצמה („English”).
translation-outdated = המקור ({ $language }) השתנה מאז שהעמוד תורגם.
read-original = קריאת המקור

## בלוקי קוד (כפתור ההעתקה)

copy = העתקה
copy-code = העתקת הקוד
copy-language-code = העתקת קוד { $language }
copied = הועתק
copy-failed = ההעתקה נכשלה

## תוויות ש־folio כותב לתוך התוכן

heading-anchor = קישור למדור זה: { $title }
footnotes = הערות שוליים
footnote-back = חזרה להפניה { $number }
table = טבלה
table-of = טבלה: { $columns }
alert-note = הערה
alert-tip = טיפ
alert-important = חשוב
alert-warning = אזהרה
alert-caution = זהירות
task-done = בוצע
task-open = לא בוצע

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = חיפוש
search-placeholder = חיפוש במדריך
# How many results a query found.
search-results =
    { $count ->
        [one] תוצאה אחת
        [two] שתי תוצאות
       *[other] { $count } תוצאות
    }
search-no-results = אין תוצאות עבור „{ $query }”
search-error = לא ניתן לטעון את החיפוש. נסו שוב מאוחר יותר.
# What a result is, beside its author.
search-question = שאלה
search-answer = תשובה
search-accepted-answer = תשובה מקובלת
search-reply = תגובה
# Above the search box of the page shown for a missing page.
not-found-search = או חפשו אותו:
