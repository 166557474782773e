# Les mots de l’application en français. Mêmes identifiants que en.ftl.

## The whole app

app-name = Contacts
loading = Chargement…
retry = Réessayer
cancel = Annuler
save = Enregistrer
connection-lost = Connexion perdue — reconnexion…
update-ready = Une nouvelle version est disponible —
update-reload = Recharger
page-missing = Cette page n’existe pas.
part-missing = Cette partie de l’application n’est pas encore sur cet appareil. Connectez-vous à Internet et réessayez, ou rechargez l’application.
not-sent-yet = Pas encore envoyé
saved = Enregistré
# $reason: Odoo's own words, or one of the error messages below.
not-saved = Non enregistré : { $reason }

## Sign-in

sign-in-title = Connexion
sign-in-hint = Utilisez vos identifiants Odoo.
sign-in-button = Se connecter
signing-in = Connexion…
session-expired = Votre session a expiré. Veuillez vous reconnecter.
database = Base de données
login = Identifiant
password = Mot de passe
password-show = Afficher
password-hide = Masquer
two-factor = Ce compte utilise la connexion à deux facteurs, que cette application ne prend pas encore en charge. Utilisez la page de connexion d’Odoo.
open-odoo-login = Ouvrir la page de connexion d’Odoo
sign-in-offline = Vous êtes hors ligne. La connexion nécessite un accès au réseau.

## The bar on every page, and signing out

sign-out = Se déconnecter
unsent-changes =
    { $count ->
        [one] { $count } modification n’a pas encore été envoyée.
        [many] { $count } de modifications n’ont pas encore été envoyées.
       *[other] { $count } modifications n’ont pas encore été envoyées.
    }
send-now = Envoyer maintenant
sign-out-discard = Abandonner et se déconnecter

## The list

search-label = Rechercher des contacts
search-placeholder = Nom, e-mail, référence, N° TVA…
filters = Afficher
filter-all = Tous
filter-companies = Sociétés
filter-people = Personnes
# Which rows are loaded, of how many match: "1–80 sur 12 345".
range = 1–{ $shown } sur { $total }
contacts-count =
    { $count ->
        [one] { $count } contact
        [many] { $count } de contacts
       *[other] { $count } contacts
    }
loading-contacts = Chargement des contacts…
no-match = Aucun contact ne correspond.
# $time: when the device kept the contacts shown, e.g. 14:02.
offline-since = Hors ligne — contacts enregistrés à { $time }
new-person = Nouvelle personne
new-company = Nouvelle société
unsent-contacts = Nouveaux contacts non envoyés

## A contact's card

back = ← Retour
loading-contact = Chargement du contact…
contact-missing = Ce contact n’existe pas ou a été archivé.
address = Adresse
open-map = Voir sur une carte
vat = N° TVA
reference = Référence
people = Personnes
discard-change = Abandonner ma modification
edit = Modifier
archive = Archiver
restore = Restaurer
conflict-intro = Quelqu’un a aussi modifié ce contact sur le serveur. Pour chaque champ, gardez votre version ou prenez celle du serveur :
conflict-field = Champ
conflict-yours = Votre version
conflict-theirs = Sur le serveur
save-choices = Enregistrer mes choix

## The form

new-person-title = Nouvelle personne
new-company-title = Nouvelle société
edit-title = Modifier le contact
kind = Type
kind-person = Personne
kind-company = Société
name-required = Un contact doit avoir un nom.
type-to-search = Tapez pour rechercher…
# $name: a tag the user typed that does not exist yet.
new-tag = Nouvelle étiquette « { $name } »
# $name: a company, country or tag chosen in the form.
remove-choice = Retirer { $name }

## The fields of a contact (the form's labels, the card's, a conflict's)

field-name = Nom
field-parent_id = Société
field-function = Poste
field-email = E-mail
field-phone = Téléphone
field-mobile = Mobile
field-street = Rue
field-city = Ville
field-zip = Code postal
field-country_id = Pays
field-website = Site web
field-category_id = Étiquettes
field-comment = Notes
field-active = Actif

## What went wrong, in words for people (Odoo's own sentence is shown
## instead when it gave one)

error-session-expired = Votre session a expiré. Veuillez vous reconnecter.
error-wrong-password = Identifiant ou mot de passe incorrect.
error-too-many-attempts = Trop de tentatives de connexion échouées : veuillez patienter une minute avant de réessayer.
error-no-database = Ce serveur n’a aucune base de données portant ce nom.
error-not-allowed = Vous n’avez pas l’autorisation de faire cela.
error-missing = Cet enregistrement n’existe plus.
error-refused = Odoo a refusé cette modification.
error-not-offered = Le serveur ne propose pas ce que l’application a demandé.
error-server = Le serveur a rencontré une erreur.
# $name: the kind of error, as Odoo names it (e.g. KeyError).
error-server-named = Le serveur a rencontré une erreur ({ $name }).
error-http = Le serveur a répondu par une page d’erreur (HTTP { $status }).
error-network = Impossible de joindre le serveur. Vérifiez votre connexion.
error-offline = Vous êtes hors ligne.
error-timeout = Le serveur a mis trop de temps à répondre.
error-cancelled = La requête a été annulée.
error-shape = Le serveur a envoyé une réponse que cette application ne comprend pas.
