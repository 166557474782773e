# De woorden van de app in het Nederlands. Dezelfde id's als en.ftl.

## The whole app

app-name = Contacten
loading = Laden…
retry = Opnieuw proberen
cancel = Annuleren
save = Opslaan
connection-lost = Verbinding verbroken — opnieuw verbinden…
update-ready = Er is een nieuwe versie beschikbaar —
update-reload = Opnieuw laden
page-missing = Deze pagina bestaat niet.
part-missing = Dit deel van de app staat nog niet op dit apparaat. Maak verbinding met internet en probeer het opnieuw, of laad de app opnieuw.
not-sent-yet = Nog niet verzonden
saved = Opgeslagen
# $reason: Odoo's own words, or one of the error messages below.
not-saved = Niet opgeslagen: { $reason }

## Sign-in

sign-in-title = Inloggen
sign-in-hint = Gebruik je Odoo-inloggegevens.
sign-in-button = Inloggen
signing-in = Bezig met inloggen…
session-expired = Je sessie is verlopen. Log opnieuw in.
database = Database
login = Gebruikersnaam
password = Wachtwoord
password-show = Tonen
password-hide = Verbergen
two-factor = Dit account gebruikt tweestapsverificatie, wat deze app nog niet ondersteunt. Gebruik de inlogpagina van Odoo.
open-odoo-login = Inlogpagina van Odoo openen
sign-in-offline = Je bent offline. Voor inloggen is een netwerkverbinding nodig.

## The bar on every page, and signing out

sign-out = Uitloggen
unsent-changes =
    { $count ->
        [one] { $count } wijziging is nog niet verzonden.
       *[other] { $count } wijzigingen zijn nog niet verzonden.
    }
send-now = Nu verzenden
sign-out-discard = Verwerpen en uitloggen

## The list

search-label = Contacten zoeken
search-placeholder = Zoek op naam, e-mail, referentie, btw-nummer…
filters = Tonen
filter-all = Alle
filter-companies = Bedrijven
filter-people = Personen
# Which rows are loaded, of how many match: "1–80 van 12.345".
range = 1–{ $shown } van { $total }
contacts-count =
    { $count ->
        [one] { $count } contact
       *[other] { $count } contacten
    }
loading-contacts = Contacten laden…
no-match = Geen overeenkomende contacten.
# $time: when the device kept the contacts shown, e.g. 14:02.
offline-since = Offline — contacten opgeslagen om { $time }
new-person = Nieuwe persoon
new-company = Nieuw bedrijf
unsent-contacts = Nieuwe contacten, nog niet verzonden

## A contact's card

back = ← Terug
loading-contact = Contact laden…
contact-missing = Dit contact bestaat niet of is gearchiveerd.
address = Adres
open-map = Op kaart tonen
vat = Btw-nummer
reference = Referentie
people = Personen
discard-change = Mijn wijziging verwerpen
edit = Bewerken
archive = Archiveren
restore = Herstellen
conflict-intro = Iemand heeft dit contact ook op de server gewijzigd. Houd per veld je eigen versie of neem die van de server over:
conflict-field = Veld
conflict-yours = Jouw versie
conflict-theirs = Op de server
save-choices = Mijn keuzes opslaan

## The form

new-person-title = Nieuwe persoon
new-company-title = Nieuw bedrijf
edit-title = Contact bewerken
kind = Type
kind-person = Persoon
kind-company = Bedrijf
name-required = Een contact moet een naam hebben.
type-to-search = Typ om te zoeken…
# $name: a tag the user typed that does not exist yet.
new-tag = Nieuw label ‘{ $name }’
# $name: a company, country or tag chosen in the form.
remove-choice = { $name } verwijderen

## The fields of a contact (the form's labels, the card's, a conflict's)

field-name = Naam
field-parent_id = Bedrijf
field-function = Functie
field-email = E-mail
field-phone = Telefoon
field-mobile = Mobiel
field-street = Straat
field-city = Plaats
field-zip = Postcode
field-country_id = Land
field-website = Website
field-category_id = Labels
field-comment = Notities
field-active = Actief

## What went wrong, in words for people (Odoo's own sentence is shown
## instead when it gave one)

error-session-expired = Je sessie is verlopen. Log opnieuw in.
error-wrong-password = Onjuiste gebruikersnaam of wachtwoord.
error-too-many-attempts = Te veel mislukte inlogpogingen: wacht een minuut voordat je het opnieuw probeert.
error-no-database = Deze server heeft geen database met die naam.
error-not-allowed = Je hebt geen toestemming om dit te doen.
error-missing = Dit record bestaat niet meer.
error-refused = Odoo heeft deze wijziging geweigerd.
error-not-offered = De server biedt niet aan wat de app heeft gevraagd.
error-server = Er is een fout opgetreden op de server.
# $name: the kind of error, as Odoo names it (e.g. KeyError).
error-server-named = Er is een fout opgetreden op de server ({ $name }).
error-http = De server antwoordde met een foutpagina (HTTP { $status }).
error-network = De server is niet bereikbaar. Controleer je verbinding.
error-offline = Je bent offline.
error-timeout = De server deed er te lang over om te antwoorden.
error-cancelled = Het verzoek is geannuleerd.
error-shape = De server stuurde een antwoord dat deze app niet begrijpt.
