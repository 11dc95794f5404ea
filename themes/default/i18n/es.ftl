# Textos del tema predeterminado de folio y etiquetas del renderizador, en español.

## Encabezado, barra lateral, pie de página

skip-to-content = Saltar al contenido
site-nav-label = Sitio
tags = Etiquetas
feed = Feed
dark-mode = Modo oscuro
toggle-dark-mode = Alternar modo oscuro
guide-contents = Contenido de la guía
guide-nav-label = Guía
breadcrumb-label = Ruta de navegación
atom-feed = Feed Atom
built-with = Creado con { $generator }
language-menu-label = Idioma

## Fechas: los nombres de los meses tal como los escribe una fecha, y la fecha misma.

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date = { $day } de { $month } de { $year }

## Artículos

published = Publicado el
updated = Actualizado el
by = Por
reading-time = { $minutes } min de lectura
on-this-page = En esta página
previous = Anterior
next = Siguiente
previous-and-next-label = Anterior y siguiente
pagination-label = Paginación
pagination-page = Página
draft = Borrador
scheduled = Programado
tags-label = Etiquetas

## Preguntas y respuestas

kind-question = Pregunta
kind-article = Artículo
status-accepted = Resuelta
status-answered = Respondida
status-unanswered = Sin respuesta
answer-count =
    { $count ->
        [one] { $count } respuesta
        [many] { $count } de respuestas
       *[other] { $count } respuestas
    }
vote-count =
    { $count ->
        [one] { $count } voto
        [many] { $count } de votos
       *[other] { $count } votos
    }
# La palabra después del número en el cuadro de votos de una respuesta.
votes-label =
    { $count ->
        [one] voto
        [many] de votos
       *[other] votos
    }
asked-by = Preguntado por
answers = Respuestas
accepted-answer = Respuesta aceptada
answer = Respuesta
# Antes del nombre del autor: «Respuesta de Ana».
answer-by = de
permalink = Enlace
permalink-answer = a esta respuesta
permalink-reply = Enlace a este comentario
replies-to-question = Comentarios a la pregunta
replies-to-answer = Comentarios a esta respuesta
no-answers-title = Aún no hay respuestas
no-answers-text = Nadie ha respondido a esta pregunta todavía.

## Listados

nav-all-pages =
    { $count ->
        [one] { $count } página
        [many] Todas las { $count } de páginas
       *[other] Todas las { $count } páginas
    }
page-count =
    { $count ->
        [one] { $count } página
        [many] { $count } de páginas
       *[other] { $count } páginas
    }
# Después del número de páginas de una etiqueta, para lectores de pantalla: «12 páginas».
pages-word =
    { $count ->
        [one] página
        [many] de páginas
       *[other] páginas
    }
sections = Secciones
recent-articles = Artículos recientes
recent-questions = Preguntas recientes
subsections = Subsecciones
pages = Páginas
pages-of = ({ $current } de { $total })
section-empty-title = Aún no hay nada aquí
section-empty-text = Esta sección todavía no tiene páginas.
tagged = Con la etiqueta
tagged-title = Con la etiqueta «{ $tag }»
page-of = Página { $current } de { $total }
listing-page-title = { $title } (página { $current } de { $total })
tag-feed = Feed Atom de esta etiqueta
all-tags = Todas las etiquetas
tag-empty = No hay nada con la etiqueta { $tag }
tags-lead = Explora artículos y preguntas por tema.
tags-empty-title = Aún no hay etiquetas
tags-empty-text = Las páginas indican sus etiquetas en el front matter; todavía ninguna tiene etiquetas.

## La página 404 y las redirecciones

not-found-title = Página no encontrada
not-found-text = La página que buscas no existe o se ha movido.
back-home = Volver a la página de inicio
guide-sections = Secciones de esta guía
# En la página que un alias deja en una dirección antigua, antes del enlace a la página.
moved-to = Esta página se ha movido a

## Traducciones

# { $language } es el idioma del original, con su propio nombre («English»).
translation-outdated = El original ({ $language }) ha cambiado desde que se tradujo esta página.
read-original = Leer el original

## Bloques de código (el botón de copiar)

copy = Copiar
copy-code = Copiar código
copy-language-code = Copiar código { $language }
copied = Copiado
copy-failed = No se pudo copiar

## Etiquetas que folio escribe en el contenido

heading-anchor = Enlace a esta sección: { $title }
footnotes = Notas al pie
footnote-back = Volver a la referencia { $number }
table = Tabla
table-of = Tabla: { $columns }
alert-note = Nota
alert-tip = Consejo
alert-important = Importante
alert-warning = Advertencia
alert-caution = Precaución
task-done = Hecho
task-open = Pendiente

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = Buscar
search-placeholder = Buscar en la guía
# How many results a query found.
search-results =
    { $count ->
        [one] { $count } resultado
        [many] { $count } de resultados
       *[other] { $count } resultados
    }
search-no-results = No hay resultados para «{ $query }»
search-error = No se pudo cargar la búsqueda. Inténtalo más tarde.
# What a result is, beside its author.
search-question = Pregunta
search-answer = Respuesta
search-accepted-answer = Respuesta aceptada
search-reply = Comentario
# Above the search box of the page shown for a missing page.
not-found-search = O búscala:
