/** The Nancy assembly's meetings for the demo: twelve online sessions held, with their minutes, and the next one. */
import type { Translatable } from "../../core/i18n/locales";

type T = Required<Translatable>;
const t = (fr: string, en: string, nl: string, de: string): T => ({ fr, en, nl, de });

export const componentName = t("Séances de l’assemblée", "Assembly sessions", "Zittingen van de assemblee", "Sitzungen der Versammlung");

export const SESSIONS: Array<{ theme: T; minutes: T; attendees: number }> = [
  {
    theme: t("Accueil et méthode", "Welcome and method", "Onthaal en werkwijze", "Begrüßung und Methode"),
    minutes: t("Les 40 membres tirés au sort se sont présentés. L’équipe d’animation a expliqué le mandat, le calendrier des douze séances et les règles de la délibération.", "The 40 members drawn by lot introduced themselves. The facilitators explained the mandate, the calendar of the twelve sessions and the rules of deliberation.", "De 40 uitgelote leden stelden zich voor. De begeleiders legden het mandaat, de kalender van de twaalf zittingen en de regels van het beraad uit.", "Die 40 ausgelosten Mitglieder stellten sich vor. Die Moderation erläuterte das Mandat, den Kalender der zwölf Sitzungen und die Regeln der Beratung."),
    attendees: 40,
  },
  {
    theme: t("Comment se déplace-t-on à Nancy ?", "How do people move around Nancy?", "Hoe verplaatst men zich in Nancy?", "Wie bewegt man sich in Nancy?"),
    minutes: t("Présentation de l’enquête ménages-déplacements : la voiture reste majoritaire pour les trajets domicile-travail, la marche domine en centre-ville.", "Presentation of the household travel survey: the car remains the main mode for commuting, walking dominates in the city centre.", "Voorstelling van de verplaatsingsenquête: de auto blijft de belangrijkste vervoerswijze voor woon-werkverkeer, te voet gaan domineert in het centrum.", "Vorstellung der Haushaltsbefragung zur Mobilität: Das Auto bleibt auf dem Arbeitsweg vorherrschend, im Zentrum dominiert der Fußverkehr."),
    attendees: 39,
  },
  {
    theme: t("Audition : les transports en commun", "Hearing: public transport", "Hoorzitting: openbaar vervoer", "Anhörung: öffentlicher Nahverkehr"),
    minutes: t("Le réseau de transport a présenté la fréquentation du tram et des bus. Les membres ont interrogé les fréquences en soirée et la desserte des quartiers périphériques.", "The transport operator presented tram and bus ridership. Members asked about evening frequencies and service to outlying neighbourhoods.", "De vervoersmaatschappij stelde de bezetting van tram en bus voor. De leden stelden vragen over de frequenties 's avonds en de bediening van de randwijken.", "Der Verkehrsbetrieb stellte die Fahrgastzahlen von Straßenbahn und Bus vor. Die Mitglieder fragten nach den Takten am Abend und der Anbindung der Randviertel."),
    attendees: 38,
  },
  {
    theme: t("Audition : le vélo", "Hearing: cycling", "Hoorzitting: de fiets", "Anhörung: das Fahrrad"),
    minutes: t("Deux associations cyclistes et le service voirie ont présenté les discontinuités du réseau cyclable. Un groupe de travail « vélo » a été constitué.", "Two cycling associations and the roads department presented the gaps in the cycle network. A cycling working group was set up.", "Twee fietsverenigingen en de wegendienst toonden de onderbrekingen in het fietsnetwerk. Er werd een werkgroep fiets opgericht.", "Zwei Radverbände und das Tiefbauamt stellten die Lücken im Radnetz vor. Eine Arbeitsgruppe Rad wurde gebildet."),
    attendees: 37,
  },
  {
    theme: t("Audition : marche et accessibilité", "Hearing: walking and accessibility", "Hoorzitting: te voet en toegankelijkheid", "Anhörung: Fußverkehr und Barrierefreiheit"),
    minutes: t("Témoignages de personnes à mobilité réduite et de parents avec poussette. Les trottoirs encombrés et les traversées longues sont les premiers obstacles cités.", "Accounts from people with reduced mobility and parents with pushchairs. Cluttered pavements and long crossings are the first obstacles named.", "Getuigenissen van personen met beperkte mobiliteit en ouders met kinderwagens. Versperde voetpaden en lange oversteken zijn de eerstgenoemde hindernissen.", "Berichte von Menschen mit eingeschränkter Mobilität und Eltern mit Kinderwagen. Zugestellte Gehwege und lange Überwege werden als erste Hindernisse genannt."),
    attendees: 38,
  },
  {
    theme: t("Le stationnement", "Parking", "Parkeren", "Parken"),
    minutes: t("Débat sur le prix du stationnement résidentiel et les parkings relais. Les avis restent partagés ; les membres demandent des chiffres sur l’occupation.", "Debate on the price of residents' parking and park-and-ride. Opinions remain divided; members ask for occupancy figures.", "Debat over de prijs van bewonersparkeren en overstapparkings. De meningen blijven verdeeld; de leden vragen cijfers over de bezetting.", "Debatte über den Preis des Anwohnerparkens und Park-and-ride. Die Meinungen bleiben geteilt; die Mitglieder bitten um Zahlen zur Auslastung."),
    attendees: 36,
  },
  {
    theme: t("Qualité de l’air et santé", "Air quality and health", "Luchtkwaliteit en gezondheid", "Luftqualität und Gesundheit"),
    minutes: t("Une épidémiologiste a présenté les mesures de dioxyde d’azote près des grands axes. Les membres ont relié ces données aux trajets vers les écoles.", "An epidemiologist presented nitrogen dioxide measurements near the main roads. Members linked the data to school journeys.", "Een epidemiologe stelde metingen van stikstofdioxide langs de grote assen voor. De leden legden het verband met de schoolroutes.", "Eine Epidemiologin stellte Stickstoffdioxid-Messungen an den Hauptachsen vor. Die Mitglieder verknüpften die Daten mit den Schulwegen."),
    attendees: 37,
  },
  {
    theme: t("Travail en groupes : premières pistes", "Group work: first ideas", "Groepswerk: eerste ideeën", "Gruppenarbeit: erste Ansätze"),
    minutes: t("Cinq groupes ont formulé 31 pistes, regroupées en quatre thèmes : vélo, transports en commun, espace public, stationnement.", "Five groups put forward 31 ideas, grouped in four themes: cycling, public transport, public space, parking.", "Vijf groepen formuleerden 31 ideeën, gegroepeerd in vier thema's: fiets, openbaar vervoer, publieke ruimte, parkeren.", "Fünf Gruppen formulierten 31 Ansätze, in vier Themen gruppiert: Rad, Nahverkehr, öffentlicher Raum, Parken."),
    attendees: 35,
  },
  {
    theme: t("Le coût des pistes", "What the ideas cost", "Wat de ideeën kosten", "Was die Ansätze kosten"),
    minutes: t("Les services de la métropole ont chiffré les pistes. Huit ont été écartées comme hors compétence ; les autres ont reçu une fourchette de coût.", "The metropolitan services costed the ideas. Eight were set aside as outside its powers; the others received a cost range.", "De diensten van de metropool becijferden de ideeën. Acht vielen buiten haar bevoegdheid; de andere kregen een kostenvork.", "Die Dienststellen der Metropole bezifferten die Ansätze. Acht wurden als außerhalb ihrer Zuständigkeit verworfen; die übrigen erhielten eine Kostenspanne."),
    attendees: 36,
  },
  {
    theme: t("Rédaction des recommandations", "Drafting the recommendations", "De aanbevelingen opstellen", "Die Empfehlungen verfassen"),
    minutes: t("Rédaction en sous-groupes de 14 projets de recommandations, chacun avec sa justification et son public concerné.", "Drafting in small groups of 14 draft recommendations, each with its reasons and the people it concerns.", "Opstellen in kleine groepen van 14 ontwerpaanbevelingen, elk met motivering en betrokken publiek.", "Verfassen von 14 Empfehlungsentwürfen in Kleingruppen, jeweils mit Begründung und betroffenen Personen."),
    attendees: 37,
  },
  {
    theme: t("Relecture croisée", "Cross-reading", "Kruiselingse nalezing", "Gegenseitiges Gegenlesen"),
    minutes: t("Chaque groupe a relu les projets des autres. Trois recommandations ont été fusionnées ; deux reformulées pour lever des ambiguïtés.", "Each group read the others' drafts. Three recommendations were merged; two were reworded to remove ambiguities.", "Elke groep las de ontwerpen van de anderen na. Drie aanbevelingen werden samengevoegd; twee herschreven om onduidelijkheden weg te nemen.", "Jede Gruppe las die Entwürfe der anderen. Drei Empfehlungen wurden zusammengelegt, zwei umformuliert, um Unklarheiten zu beseitigen."),
    attendees: 38,
  },
  {
    theme: t("Vote des recommandations", "Voting on the recommendations", "Stemming over de aanbevelingen", "Abstimmung über die Empfehlungen"),
    minutes: t("Onze recommandations ont été adoptées à plus des deux tiers. La recommandation sur la zone à trafic limité a obtenu 58 % et figure en annexe avec l’avis minoritaire.", "Eleven recommendations were adopted by more than two thirds. The one on the limited-traffic zone received 58% and is annexed with the minority opinion.", "Elf aanbevelingen werden met meer dan twee derde aangenomen. Die over de zone met beperkt verkeer haalde 58 % en staat in bijlage met het minderheidsstandpunt.", "Elf Empfehlungen wurden mit mehr als zwei Dritteln angenommen. Die zur verkehrsberuhigten Zone erhielt 58 % und steht mit dem Minderheitsvotum im Anhang."),
    attendees: 39,
  },
];

export const UPCOMING = {
  title: t("Remise des recommandations au conseil métropolitain", "Handing the recommendations to the metropolitan council", "Overhandiging van de aanbevelingen aan de metropoolraad", "Übergabe der Empfehlungen an den Metropolrat"),
  description: t("Séance publique : l’assemblée présente ses onze recommandations et les élus y répondent. Ouverte à toutes et tous, en ligne.", "Public session: the assembly presents its eleven recommendations and the elected members answer. Open to all, online.", "Openbare zitting: de assemblee stelt haar elf aanbevelingen voor en de verkozenen antwoorden. Open voor iedereen, online.", "Öffentliche Sitzung: Die Versammlung stellt ihre elf Empfehlungen vor, die Gewählten antworten. Offen für alle, online."),
  terms: t("Vos nom et code d’inscription sont visibles par l’équipe d’animation. La séance est enregistrée et publiée.", "Your name and registration code are visible to the facilitation team. The session is recorded and published.", "Uw naam en inschrijvingscode zijn zichtbaar voor het begeleidingsteam. De zitting wordt opgenomen en gepubliceerd.", "Ihr Name und Anmeldecode sind für das Moderationsteam sichtbar. Die Sitzung wird aufgezeichnet und veröffentlicht."),
  agenda: [
    { title: t("Présentation des recommandations", "Presenting the recommendations", "Voorstelling van de aanbevelingen", "Vorstellung der Empfehlungen"), minutes: 45 },
    { title: t("Réponses des élus", "The elected members' answers", "Antwoorden van de verkozenen", "Antworten der Gewählten"), minutes: 45 },
    { title: t("Questions du public", "Questions from the public", "Vragen van het publiek", "Fragen aus dem Publikum"), minutes: 30 },
  ],
};

export const sessionTitle = (n: number, theme: T): T => t(`Séance ${n} : ${theme.fr}`, `Session ${n}: ${theme.en}`, `Zitting ${n}: ${theme.nl}`, `Sitzung ${n}: ${theme.de}`);
export const sessionDescription = t("Séance en visioconférence de l’assemblée citoyenne.", "Video session of the citizens' assembly.", "Videozitting van de burgerassemblee.", "Videositzung der Bürgerversammlung.");
