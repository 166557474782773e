# Las palabras de la aplicación en español. Los mismos identificadores que en.ftl.

## The whole app

app-name = Contactos
loading = Cargando…
retry = Reintentar
cancel = Cancelar
save = Guardar
connection-lost = Conexión perdida — reintentando
update-ready = Hay una nueva versión disponible —
update-reload = Recargar
page-missing = Esta página no existe.
part-missing = Esta parte de la aplicación aún no está en este dispositivo. Conéctese a Internet e inténtelo de nuevo, o recargue la aplicación.
not-sent-yet = Pendiente de envío
saved = Guardado
# $reason: Odoo's own words, or one of the error messages below.
not-saved = No guardado: { $reason }

## Sign-in

sign-in-title = Iniciar sesión
sign-in-hint = Use su usuario y contraseña de Odoo.
sign-in-button = Iniciar sesión
signing-in = Iniciando sesión…
session-expired = Su sesión ha caducado. Vuelva a iniciar sesión.
database = Base de datos
login = Usuario
password = Contraseña
password-show = Mostrar
password-hide = Ocultar
two-factor = Esta cuenta usa la autenticación en dos pasos, que esta aplicación aún no admite. Use la página de inicio de sesión de Odoo.
open-odoo-login = Abrir la página de inicio de sesión de Odoo
sign-in-offline = Está sin conexión. Para iniciar sesión se necesita acceso a la red.

## The bar on every page, and signing out

sign-out = Cerrar sesión
unsent-changes =
    { $count ->
        [one] { $count } cambio aún no se ha enviado.
        [many] { $count } de cambios aún no se han enviado.
       *[other] { $count } cambios aún no se han enviado.
    }
send-now = Enviar ahora
sign-out-discard = Descartar y cerrar sesión

## The list

search-label = Buscar contactos
search-placeholder = Buscar nombre, correo, referencia, NIF…
filters = Mostrar
filter-all = Todos
filter-companies = Empresas
filter-people = Personas
# Which rows are loaded, of how many match: "1–80 de 12.345".
range = 1–{ $shown } de { $total }
contacts-count =
    { $count ->
        [one] { $count } contacto
        [many] { $count } de contactos
       *[other] { $count } contactos
    }
loading-contacts = Cargando contactos…
no-match = No hay contactos que coincidan.
# $time: when the device kept the contacts shown, e.g. 14:02.
offline-since = Sin conexión — contactos guardados a las { $time }
new-person = Nueva persona
new-company = Nueva empresa
unsent-contacts = Contactos nuevos pendientes de envío

## A contact's card

back = ← Atrás
loading-contact = Cargando contacto…
contact-missing = Este contacto no existe o se ha archivado.
address = Dirección
open-map = Ver en el mapa
vat = NIF
reference = Referencia
people = Personas
discard-change = Descartar mi cambio
edit = Editar
archive = Archivar
restore = Restaurar
conflict-intro = Alguien también ha modificado este contacto en el servidor. Para cada campo, conserve su versión o elija la del servidor:
conflict-field = Campo
conflict-yours = Su versión
conflict-theirs = En el servidor
save-choices = Guardar mi selección

## The form

new-person-title = Nueva persona
new-company-title = Nueva empresa
edit-title = Editar contacto
kind = Tipo
kind-person = Persona
kind-company = Empresa
name-required = El contacto necesita un nombre.
type-to-search = Escriba para buscar…
# $name: a tag the user typed that does not exist yet.
new-tag = Nueva etiqueta «{ $name }»
# $name: a company, country or tag chosen in the form.
remove-choice = Quitar { $name }

## The fields of a contact (the form's labels, the card's, a conflict's)

field-name = Nombre
field-parent_id = Empresa
field-function = Puesto de trabajo
field-email = Correo electrónico
field-phone = Teléfono
field-mobile = Móvil
field-street = Calle
field-city = Ciudad
field-zip = Código postal
field-country_id = País
field-website = Sitio web
field-category_id = Etiquetas
field-comment = Notas
field-active = Activo

## What went wrong, in words for people (Odoo's own sentence is shown
## instead when it gave one)

error-session-expired = Su sesión ha caducado. Vuelva a iniciar sesión.
error-wrong-password = Usuario o contraseña incorrectos.
error-too-many-attempts = Demasiados intentos fallidos de inicio de sesión: espere un minuto antes de volver a intentarlo.
error-no-database = Este servidor no tiene ninguna base de datos con ese nombre.
error-not-allowed = No tiene permiso para hacer esto.
error-missing = Este registro ya no existe.
error-refused = Odoo ha rechazado este cambio.
error-not-offered = El servidor no ofrece lo que la aplicación ha solicitado.
error-server = Se ha producido un error en el servidor.
# $name: the kind of error, as Odoo names it (e.g. KeyError).
error-server-named = Se ha producido un error en el servidor ({ $name }).
error-http = El servidor ha respondido con una página de error (HTTP { $status }).
error-network = No se ha podido conectar con el servidor. Compruebe su conexión.
error-offline = Está sin conexión.
error-timeout = El servidor ha tardado demasiado en responder.
error-cancelled = Se ha cancelado la solicitud.
error-shape = El servidor ha enviado una respuesta que esta aplicación no entiende.
