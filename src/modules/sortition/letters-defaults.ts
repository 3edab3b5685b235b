/**
 * The default letter of invitation, in the four languages (Markdown with the mail-merge placeholders
 * {{name}}, {{code}}, {{url}}, {{deadline}}, {{address}}). Kept out of the message catalogues, whose
 * ICU syntax reads braces as arguments. The admin edits it per recruitment.
 */
import type { Translatable } from "../../core/i18n/locales";

export const DEFAULT_LETTER: Required<Translatable> = {
  en: `Dear {{name}},

You have been chosen **at random** to be invited to a citizens' assembly. A small group of residents, drawn by lot so that it looks like the whole population, will meet, hear experts, deliberate and make recommendations to the authorities.

You do not need any experience: your everyday life is what counts. Sessions are compensated and accessible.

**To register**, go to {{url}} before {{deadline}} and type your personal code:

## {{code}}

The code can be used once. Registering does not commit you yet: the members are drawn by lot among the people who register, with quotas so that every part of the population is represented.

With our thanks,

The organizing team`,
  fr: `Bonjour {{name}},

Vous avez été choisi·e **au hasard** pour être invité·e à une assemblée citoyenne. Un petit groupe d'habitantes et d'habitants, tiré au sort pour ressembler à l'ensemble de la population, se réunira, entendra des experts, délibérera et fera des recommandations aux autorités.

Aucune expérience n'est nécessaire : votre vie de tous les jours est ce qui compte. Les séances sont défrayées et accessibles.

**Pour vous inscrire**, rendez-vous sur {{url}} avant le {{deadline}} et saisissez votre code personnel :

## {{code}}

Le code ne peut servir qu'une fois. L'inscription ne vous engage pas encore : les membres sont tirés au sort parmi les personnes inscrites, avec des quotas pour que chaque partie de la population soit représentée.

Avec nos remerciements,

L'équipe organisatrice`,
  nl: `Beste {{name}},

U bent **willekeurig** gekozen om uitgenodigd te worden voor een burgerassemblee. Een kleine groep inwoners, uitgeloot zodat ze op de hele bevolking lijkt, komt samen, hoort experts, beraadslaagt en doet aanbevelingen aan de overheid.

U hebt geen ervaring nodig: uw dagelijkse leven is wat telt. De sessies worden vergoed en zijn toegankelijk.

**Om u in te schrijven**, ga vóór {{deadline}} naar {{url}} en typ uw persoonlijke code:

## {{code}}

De code kan één keer gebruikt worden. Inschrijven verplicht u nog tot niets: de leden worden uitgeloot onder de ingeschreven personen, met quota zodat elk deel van de bevolking vertegenwoordigd is.

Met dank,

Het organiserende team`,
  de: `Guten Tag {{name}},

Sie wurden **zufällig** ausgewählt, um zu einer Bürgerversammlung eingeladen zu werden. Eine kleine Gruppe von Einwohnerinnen und Einwohnern, ausgelost, damit sie der ganzen Bevölkerung ähnelt, wird sich treffen, Fachleute anhören, beraten und den Behörden Empfehlungen geben.

Sie brauchen keine Erfahrung: Ihr Alltag ist das, was zählt. Die Sitzungen werden entschädigt und sind barrierefrei.

**Zur Anmeldung** gehen Sie vor dem {{deadline}} auf {{url}} und geben Ihren persönlichen Code ein:

## {{code}}

Der Code kann einmal verwendet werden. Die Anmeldung verpflichtet Sie noch zu nichts: Die Mitglieder werden unter den Angemeldeten ausgelost, mit Quoten, damit jeder Teil der Bevölkerung vertreten ist.

Mit unserem Dank

Das Organisationsteam`,
};
