# The app's words in English: the reference catalogue. Every other
# language has exactly these message ids (`cargo xtask test` checks).
#
# The app uses a subset of Fluent, checked when the catalogues are built:
# plain text, { $variable } placeholders, and one select per message on a
# number (plural categories: zero, one, two, few, many, other; or an exact
# number such as [0]). Numbers are written in the user's own way (1,234 /
# 1 234 / 1.234) by the app.

## The whole app

app-name = Contacts
loading = Loading…
retry = Retry
cancel = Cancel
save = Save
connection-lost = Connection lost — retrying
update-ready = A new version is available —
update-reload = Reload
page-missing = This page does not exist.
part-missing = This part of the app is not on this device yet. Connect to the internet and try again, or reload the app.
not-sent-yet = Not sent yet
saved = Saved
# $reason: Odoo's own words, or one of the error messages below.
not-saved = Not saved: { $reason }

## Sign-in

sign-in-title = Sign in
sign-in-hint = Use your Odoo login.
sign-in-button = Sign in
signing-in = Signing in…
session-expired = Your session has expired. Please sign in again.
database = Database
login = Login
password = Password
password-show = Show
password-hide = Hide
two-factor = This account uses two-factor sign-in, which this app does not support yet. Use Odoo's own login page.
open-odoo-login = Open Odoo's login page
sign-in-offline = You are offline. Signing in needs the network.

## The bar on every page, and signing out

sign-out = Sign out
unsent-changes =
    { $count ->
        [one] { $count } change is not sent yet.
       *[other] { $count } changes are not sent yet.
    }
send-now = Send now
sign-out-discard = Sign out and discard

## The list

search-label = Search contacts
search-placeholder = Search name, email, reference, VAT…
filters = Show
filter-all = All
filter-companies = Companies
filter-people = People
# Which rows are loaded, of how many match: "1–80 of 12,345".
range = 1–{ $shown } of { $total }
contacts-count =
    { $count ->
        [one] { $count } contact
       *[other] { $count } contacts
    }
loading-contacts = Loading contacts…
no-match = No contacts match.
# $time: when the device kept the contacts shown, e.g. 14:02.
offline-since = Offline — showing contacts saved at { $time }
new-person = New person
new-company = New company
unsent-contacts = New contacts not sent yet

## A contact's card

back = ← Back
loading-contact = Loading contact…
contact-missing = This contact does not exist or was archived.
address = Address
open-map = Open in a map
vat = VAT
reference = Reference
people = People
discard-change = Discard my change
edit = Edit
archive = Archive
restore = Restore
conflict-intro = Someone changed this contact on the server too. For each field, keep yours or take theirs:
conflict-field = Field
conflict-yours = Yours
conflict-theirs = On the server
save-choices = Save my choices

## The form

new-person-title = New person
new-company-title = New company
edit-title = Edit contact
kind = Kind
kind-person = Person
kind-company = Company
name-required = A contact needs a name.
type-to-search = Type to search…
# $name: a tag the user typed that does not exist yet.
new-tag = New tag “{ $name }”
# $name: a company, country or tag chosen in the form.
remove-choice = Remove { $name }

## The fields of a contact (the form's labels, the card's, a conflict's)

field-name = Name
field-parent_id = Company
field-function = Job position
field-email = Email
field-phone = Phone
field-mobile = Mobile
field-street = Street
field-city = City
field-zip = ZIP
field-country_id = Country
field-website = Website
field-category_id = Tags
field-comment = Notes
field-active = Active

## What went wrong, in words for people (Odoo's own sentence is shown
## instead when it gave one)

error-session-expired = Your session has expired. Please sign in again.
error-wrong-password = Wrong login or password.
error-too-many-attempts = Too many failed sign-in attempts: please wait a minute before trying again.
error-no-database = This server has no database by that name.
error-not-allowed = You are not allowed to do this.
error-missing = This record no longer exists.
error-refused = Odoo refused this change.
error-not-offered = The server does not offer what the app asked for.
error-server = The server ran into an error.
# $name: the kind of error, as Odoo names it (e.g. KeyError).
error-server-named = The server ran into an error ({ $name }).
error-http = The server answered with an error page (HTTP { $status }).
error-network = The server could not be reached. Check your connection.
error-offline = You are offline.
error-timeout = The server took too long to answer.
error-cancelled = The request was cancelled.
error-shape = The server sent an answer this app does not understand.
