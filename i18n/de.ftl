# Die Wörter der App auf Deutsch. Dieselben IDs wie in en.ftl.

## The whole app

app-name = Kontakte
loading = Wird geladen…
retry = Erneut versuchen
cancel = Abbrechen
save = Speichern
connection-lost = Verbindung unterbrochen — neuer Versuch…
update-ready = Eine neue Version ist verfügbar —
update-reload = Neu laden
page-missing = Diese Seite existiert nicht.
part-missing = Dieser Teil der App ist noch nicht auf diesem Gerät. Verbinden Sie sich mit dem Internet und versuchen Sie es erneut, oder laden Sie die App neu.
not-sent-yet = Noch nicht gesendet
saved = Gespeichert
# $reason: Odoo's own words, or one of the error messages below.
not-saved = Nicht gespeichert: { $reason }

## Sign-in

sign-in-title = Anmelden
sign-in-hint = Verwenden Sie Ihre Odoo-Zugangsdaten.
sign-in-button = Anmelden
signing-in = Anmeldung läuft…
session-expired = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
database = Datenbank
login = Benutzername
password = Passwort
password-show = Anzeigen
password-hide = Ausblenden
two-factor = Dieses Konto verwendet die Zwei-Faktor-Anmeldung, die diese App noch nicht unterstützt. Verwenden Sie die Anmeldeseite von Odoo.
open-odoo-login = Odoo-Anmeldeseite öffnen
sign-in-offline = Sie sind offline. Für die Anmeldung wird eine Netzwerkverbindung benötigt.

## The bar on every page, and signing out

sign-out = Abmelden
unsent-changes =
    { $count ->
        [one] { $count } Änderung wurde noch nicht gesendet.
       *[other] { $count } Änderungen wurden noch nicht gesendet.
    }
send-now = Jetzt senden
sign-out-discard = Abmelden und verwerfen

## The list

search-label = Kontakte durchsuchen
search-placeholder = Name, E-Mail, Referenz, USt-IdNr. suchen…
filters = Anzeigen
filter-all = Alle
filter-companies = Unternehmen
filter-people = Personen
# Which rows are loaded, of how many match: "1–80 von 12.345".
range = 1–{ $shown } von { $total }
contacts-count =
    { $count ->
        [one] { $count } Kontakt
       *[other] { $count } Kontakte
    }
loading-contacts = Kontakte werden geladen…
no-match = Keine passenden Kontakte.
# $time: when the device kept the contacts shown, e.g. 14:02.
offline-since = Offline — gespeicherte Kontakte, Stand { $time }
new-person = Neue Person
new-company = Neues Unternehmen
unsent-contacts = Neue, noch nicht gesendete Kontakte

## A contact's card

back = ← Zurück
loading-contact = Kontakt wird geladen…
contact-missing = Dieser Kontakt existiert nicht oder wurde archiviert.
address = Adresse
open-map = Auf Karte anzeigen
vat = USt-IdNr.
reference = Referenz
people = Personen
discard-change = Meine Änderung verwerfen
edit = Bearbeiten
archive = Archivieren
restore = Wiederherstellen
conflict-intro = Jemand hat diesen Kontakt auch auf dem Server geändert. Behalten Sie für jedes Feld Ihre Version oder übernehmen Sie die vom Server:
conflict-field = Feld
conflict-yours = Ihre Version
conflict-theirs = Auf dem Server
save-choices = Meine Auswahl speichern

## The form

new-person-title = Neue Person
new-company-title = Neues Unternehmen
edit-title = Kontakt bearbeiten
kind = Typ
kind-person = Person
kind-company = Unternehmen
name-required = Ein Kontakt braucht einen Namen.
type-to-search = Zum Suchen tippen…
# $name: a tag the user typed that does not exist yet.
new-tag = Neues Stichwort „{ $name }“
# $name: a company, country or tag chosen in the form.
remove-choice = { $name } entfernen

## The fields of a contact (the form's labels, the card's, a conflict's)

field-name = Name
field-parent_id = Unternehmen
field-function = Position
field-email = E-Mail
field-phone = Telefon
field-mobile = Mobil
field-street = Straße
field-city = Ort
field-zip = PLZ
field-country_id = Land
field-website = Website
field-category_id = Stichwörter
field-comment = Notizen
field-active = Aktiv

## What went wrong, in words for people (Odoo's own sentence is shown
## instead when it gave one)

error-session-expired = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
error-wrong-password = Benutzername oder Passwort ist falsch.
error-too-many-attempts = Zu viele fehlgeschlagene Anmeldeversuche: Bitte warten Sie eine Minute, bevor Sie es erneut versuchen.
error-no-database = Auf diesem Server gibt es keine Datenbank mit diesem Namen.
error-not-allowed = Dazu sind Sie nicht berechtigt.
error-missing = Dieser Datensatz existiert nicht mehr.
error-refused = Odoo hat diese Änderung abgelehnt.
error-not-offered = Der Server bietet nicht an, was die App angefordert hat.
error-server = Auf dem Server ist ein Fehler aufgetreten.
# $name: the kind of error, as Odoo names it (e.g. KeyError).
error-server-named = Auf dem Server ist ein Fehler aufgetreten ({ $name }).
error-http = Der Server hat mit einer Fehlerseite geantwortet (HTTP { $status }).
error-network = Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung.
error-offline = Sie sind offline.
error-timeout = Der Server hat zu lange nicht geantwortet.
error-cancelled = Die Anfrage wurde abgebrochen.
error-shape = Der Server hat eine Antwort gesendet, die diese App nicht versteht.
