# Texte des folio-Standardthemes und Beschriftungen des Renderers, auf Deutsch.

## Kopfzeile, Seitenleiste, Fußzeile

skip-to-content = Zum Inhalt springen
site-nav-label = Website
tags = Tags
feed = Feed
dark-mode = Dunkelmodus
toggle-dark-mode = Dunkelmodus umschalten
guide-contents = Inhalt des Leitfadens
guide-nav-label = Leitfaden
breadcrumb-label = Brotkrümelnavigation
atom-feed = Atom-Feed
built-with = Erstellt mit { $generator }
language-menu-label = Sprache

## Datumsangaben: die Monatsnamen, wie ein Datum sie schreibt, und das Datum selbst.

month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
date = { $day }. { $month } { $year }

## Artikel

published = Veröffentlicht am
updated = Aktualisiert am
by = Von
reading-time = { $minutes } Min. Lesezeit
on-this-page = Auf dieser Seite
previous = Zurück
next = Weiter
previous-and-next-label = Vorherige und nächste Seite
pagination-label = Seitennummerierung
pagination-page = Seite
draft = Entwurf
scheduled = Geplant
tags-label = Tags

## Fragen und Antworten

kind-question = Frage
kind-article = Artikel
status-accepted = Gelöst
status-answered = Beantwortet
status-unanswered = Unbeantwortet
answer-count =
    { $count ->
        [one] { $count } Antwort
       *[other] { $count } Antworten
    }
vote-count =
    { $count ->
        [one] { $count } Stimme
       *[other] { $count } Stimmen
    }
# Das Wort nach der Zahl im Abstimmungsfeld einer Antwort.
votes-label =
    { $count ->
        [one] Stimme
       *[other] Stimmen
    }
asked-by = Gefragt von
answers = Antworten
accepted-answer = Akzeptierte Antwort
answer = Antwort
# Vor dem Namen: „Antwort von Ana“.
answer-by = von
permalink = Link
permalink-answer = zu dieser Antwort
permalink-reply = Link zu diesem Kommentar
replies-to-question = Kommentare zur Frage
replies-to-answer = Kommentare zu dieser Antwort
no-answers-title = Noch keine Antworten
no-answers-text = Bisher hat niemand diese Frage beantwortet.

## Listen

nav-all-pages = Alle { $count } Seiten
page-count =
    { $count ->
        [one] { $count } Seite
       *[other] { $count } Seiten
    }
# Nach der Seitenzahl eines Tags, für Screenreader: „12 Seiten“.
pages-word =
    { $count ->
        [one] Seite
       *[other] Seiten
    }
sections = Abschnitte
recent-articles = Neueste Artikel
recent-questions = Neueste Fragen
subsections = Unterabschnitte
pages = Seiten
pages-of = ({ $current } von { $total })
section-empty-title = Hier gibt es noch nichts
section-empty-text = Dieser Abschnitt enthält noch keine Seiten.
tagged = Getaggt mit
tagged-title = Getaggt mit „{ $tag }“
page-of = Seite { $current } von { $total }
listing-page-title = { $title } (Seite { $current } von { $total })
tag-feed = Atom-Feed für diesen Tag
all-tags = Alle Tags
tag-empty = Nichts mit { $tag } getaggt
tags-lead = Artikel und Fragen nach Thema durchsuchen.
tags-empty-title = Noch keine Tags
tags-empty-text = Seiten geben ihre Tags im Front Matter an; bisher hat keine welche.

## Die 404-Seite und Weiterleitungen

not-found-title = Seite nicht gefunden
not-found-text = Die gesuchte Seite existiert nicht oder wurde verschoben.
back-home = Zurück zur Startseite
guide-sections = Abschnitte dieses Leitfadens
# Auf der Seite, die ein Alias unter einer alten Adresse hinterlässt, vor dem Link.
moved-to = Diese Seite ist umgezogen nach

## Übersetzungen

# { $language } ist die Sprache des Originals, in ihrem eigenen Namen („English“).
translation-outdated = Das Original ({ $language }) wurde geändert, seit diese Seite übersetzt wurde.
read-original = Original lesen

## Codeblöcke (die Kopierschaltfläche)

copy = Kopieren
copy-code = Code kopieren
copy-language-code = { $language }-Code kopieren
copied = Kopiert
copy-failed = Kopieren fehlgeschlagen

## Beschriftungen, die folio in Inhalte schreibt

heading-anchor = Link zu diesem Abschnitt: { $title }
footnotes = Fußnoten
footnote-back = Zurück zu Verweis { $number }
table = Tabelle
table-of = Tabelle: { $columns }
alert-note = Hinweis
alert-tip = Tipp
alert-important = Wichtig
alert-warning = Warnung
alert-caution = Vorsicht
task-done = Erledigt
task-open = Offen

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = Suche
search-placeholder = Im Handbuch suchen
# How many results a query found.
search-results =
    { $count ->
        [one] { $count } Treffer
       *[other] { $count } Treffer
    }
search-no-results = Keine Treffer für „{ $query }“
search-error = Die Suche konnte nicht geladen werden. Bitte später erneut versuchen.
# What a result is, beside its author.
search-question = Frage
search-answer = Antwort
search-accepted-answer = Akzeptierte Antwort
search-reply = Kommentar
# Above the search box of the page shown for a missing page.
not-found-search = Oder suchen Sie danach:
