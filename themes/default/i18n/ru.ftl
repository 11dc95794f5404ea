# Тема folio по умолчанию и подписи рендерера, на русском.

## Шапка, боковая панель, подвал

skip-to-content = Перейти к содержимому
site-nav-label = Сайт
tags = Теги
feed = RSS-лента
dark-mode = Тёмная тема
toggle-dark-mode = Переключить тёмную тему
guide-contents = Содержание руководства
guide-nav-label = Руководство
breadcrumb-label = Навигационная цепочка
atom-feed = Лента Atom
built-with = Сделано на { $generator }
language-menu-label = Язык

## Даты: названия месяцев в родительном падеже и сама дата.

month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
date = { $day } { $month } { $year }

## Статьи

published = Опубликовано
updated = Обновлено
by = Автор:
reading-time = { $minutes } мин чтения
on-this-page = На этой странице
previous = Назад
next = Далее
previous-and-next-label = Предыдущая и следующая страницы
pagination-label = Постраничная навигация
pagination-page = Страница
draft = Черновик
scheduled = Запланировано
tags-label = Теги

## Вопросы и ответы

kind-question = Вопрос
kind-article = Статья
status-accepted = Решено
status-answered = Есть ответ
status-unanswered = Без ответа
answer-count =
    { $count ->
        [one] { $count } ответ
        [few] { $count } ответа
        [many] { $count } ответов
       *[other] { $count } ответа
    }
vote-count =
    { $count ->
        [one] { $count } голос
        [few] { $count } голоса
        [many] { $count } голосов
       *[other] { $count } голоса
    }
# Слово после числа в блоке голосов ответа.
votes-label =
    { $count ->
        [one] голос
        [few] голоса
        [many] голосов
       *[other] голоса
    }
asked-by = Автор вопроса:
answers = Ответы
accepted-answer = Принятый ответ
answer = Ответ
# Перед именем автора: «Ответ от Ана».
answer-by = от
permalink = Ссылка
permalink-answer = на этот ответ
permalink-reply = Ссылка на этот комментарий
replies-to-question = Комментарии к вопросу
replies-to-answer = Комментарии к этому ответу
no-answers-title = Ответов пока нет
no-answers-text = На этот вопрос ещё никто не ответил.

## Списки

nav-all-pages = Все страницы ({ $count })
page-count =
    { $count ->
        [one] { $count } страница
        [few] { $count } страницы
        [many] { $count } страниц
       *[other] { $count } страницы
    }
# После числа страниц тега, для экранных дикторов: «12 страниц».
pages-word =
    { $count ->
        [one] страница
        [few] страницы
        [many] страниц
       *[other] страницы
    }
sections = Разделы
recent-articles = Новые статьи
recent-questions = Новые вопросы
subsections = Подразделы
pages = Страницы
pages-of = ({ $current } из { $total })
section-empty-title = Здесь пока ничего нет
section-empty-text = В этом разделе пока нет страниц.
tagged = С тегом
tagged-title = С тегом «{ $tag }»
page-of = Страница { $current } из { $total }
listing-page-title = { $title } (страница { $current } из { $total })
tag-feed = Лента Atom для этого тега
all-tags = Все теги
tag-empty = Нет страниц с тегом { $tag }
tags-lead = Статьи и вопросы по темам.
tags-empty-title = Тегов пока нет
tags-empty-text = Страницы указывают теги во front matter; пока ни у одной их нет.

## Страница 404 и перенаправления

not-found-title = Страница не найдена
not-found-text = Страница, которую вы ищете, не существует или была перемещена.
back-home = На главную
guide-sections = Разделы руководства
# На странице, которую псевдоним оставляет по старому адресу, перед ссылкой.
moved-to = Эта страница перемещена:

## Переводы

# { $language } — язык оригинала, его собственным названием («English»).
translation-outdated = Оригинал ({ $language }) изменился после перевода этой страницы.
read-original = Читать оригинал

## Блоки кода (кнопка копирования)

copy = Копировать
copy-code = Копировать код
copy-language-code = Копировать код { $language }
copied = Скопировано
copy-failed = Не удалось скопировать

## Подписи, которые folio вставляет в содержимое

heading-anchor = Ссылка на этот раздел: { $title }
footnotes = Сноски
footnote-back = Назад к ссылке { $number }
table = Таблица
table-of = Таблица: { $columns }
alert-note = Примечание
alert-tip = Совет
alert-important = Важно
alert-warning = Предупреждение
alert-caution = Осторожно
task-done = Выполнено
task-open = Не выполнено

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = Поиск
search-placeholder = Поиск по руководству
# How many results a query found.
search-results =
    { $count ->
        [one] { $count } результат
        [few] { $count } результата
        [many] { $count } результатов
       *[other] { $count } результата
    }
search-no-results = По запросу «{ $query }» ничего не найдено
search-error = Не удалось загрузить поиск. Попробуйте позже.
# What a result is, beside its author.
search-question = Вопрос
search-answer = Ответ
search-accepted-answer = Принятый ответ
search-reply = Комментарий
# Above the search box of the page shown for a missing page.
not-found-search = Или найдите её поиском:
