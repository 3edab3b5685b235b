/**
 * The texts demo: the Nancy citizens' assembly drafts a municipal charter of participation (written for
 * the demo, in French, each paragraph translated into English, Dutch and German), published as
 * version 1 through the services (audited as real use leaves it), with a few comments on its
 * paragraphs, for, against and neutral, two annotations on passages and a pending amendment; the
 * first reading's phase lets members comment, annotate and amend.
 */
import { sql } from "drizzle-orm";
import { seedDiscussion, type DemoComment, type DemoParticipant } from "../../core/comments/demo";
import type { DemoSpaces } from "../../core/components/define";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import { findUserByEmail } from "../../core/accounts/users";
import { createAnnotation } from "./annotations";
import { createAmendment } from "./amendments";
import { publishDraft } from "./publish";
import { createText } from "./service";

type Block = { fr: string; en: string; nl: string; de: string };

/** The charter, block by block (the French is the text; the others are each block's translations). */
export const CHARTER: Block[] = [
  {
    fr: "La présente charte fixe la manière dont les habitantes et les habitants de Nancy prennent part aux décisions de leur commune.",
    en: "This charter sets out how the residents of Nancy take part in the decisions of their municipality.",
    nl: "Dit handvest legt vast hoe de inwoners van Nancy deelnemen aan de besluiten van hun gemeente.",
    de: "Diese Charta legt fest, wie die Einwohnerinnen und Einwohner von Nancy an den Entscheidungen ihrer Gemeinde mitwirken.",
  },
  { fr: "## Titre I — Principes", en: "## Title I — Principles", nl: "## Titel I — Beginselen", de: "## Titel I — Grundsätze" },
  { fr: "### Article 1 — Droit de participer", en: "### Article 1 — Right to take part", nl: "### Artikel 1 — Recht op deelname", de: "### Artikel 1 — Recht auf Mitwirkung" },
  {
    fr: "Toute personne qui habite, travaille ou étudie à Nancy peut participer aux démarches prévues par la présente charte, quelle que soit sa nationalité.",
    en: "Anyone who lives, works or studies in Nancy may take part in the processes this charter provides for, whatever their nationality.",
    nl: "Iedereen die in Nancy woont, werkt of studeert, kan deelnemen aan de procedures van dit handvest, ongeacht zijn nationaliteit.",
    de: "Wer in Nancy wohnt, arbeitet oder studiert, kann sich unabhängig von der Staatsangehörigkeit an den in dieser Charta vorgesehenen Verfahren beteiligen.",
  },
  {
    fr: "La commune rend ces démarches accessibles aux personnes en situation de handicap et à celles qui n’utilisent pas Internet.",
    en: "The municipality makes these processes accessible to people with disabilities and to those who do not use the Internet.",
    nl: "De gemeente maakt deze procedures toegankelijk voor mensen met een handicap en voor wie geen internet gebruikt.",
    de: "Die Gemeinde macht diese Verfahren für Menschen mit Behinderungen und für Menschen ohne Internetzugang zugänglich.",
  },
  { fr: "### Article 2 — Transparence", en: "### Article 2 — Transparency", nl: "### Artikel 2 — Transparantie", de: "### Artikel 2 — Transparenz" },
  {
    fr: "Les documents soumis à la participation sont publiés dans leur intégralité, au moins quinze jours avant toute décision.",
    en: "The documents put to participation are published in full at least fifteen days before any decision.",
    nl: "De documenten waarover wordt meegepraat, worden volledig gepubliceerd, ten minste vijftien dagen vóór elk besluit.",
    de: "Die zur Beteiligung gestellten Unterlagen werden mindestens fünfzehn Tage vor jeder Entscheidung vollständig veröffentlicht.",
  },
  {
    fr: "La commune explique par écrit la suite donnée à chaque contribution.",
    en: "The municipality explains in writing what became of each contribution.",
    nl: "De gemeente legt schriftelijk uit wat er met elke bijdrage is gebeurd.",
    de: "Die Gemeinde erläutert schriftlich, was aus jedem Beitrag geworden ist.",
  },
  { fr: "## Titre II — L’assemblée citoyenne", en: "## Title II — The citizens' assembly", nl: "## Titel II — De burgerassemblee", de: "## Titel II — Die Bürgerversammlung" },
  { fr: "### Article 3 — Composition", en: "### Article 3 — Membership", nl: "### Artikel 3 — Samenstelling", de: "### Artikel 3 — Zusammensetzung" },
  {
    fr: "L’assemblée citoyenne compte quarante membres tirés au sort parmi les volontaires, selon des quotas qui respectent :",
    en: "The citizens' assembly has forty members drawn by lot among volunteers, with quotas that respect:",
    nl: "De burgerassemblee telt veertig leden die worden uitgeloot onder vrijwilligers, met quota die rekening houden met:",
    de: "Die Bürgerversammlung hat vierzig Mitglieder, die unter Freiwilligen ausgelost werden, mit Quoten, die Folgendes berücksichtigen:",
  },
  { fr: "- la parité entre les femmes et les hommes ;", en: "- parity between women and men;", nl: "- de gelijke vertegenwoordiging van vrouwen en mannen;", de: "- die Parität zwischen Frauen und Männern;" },
  { fr: "- la répartition des âges de la population ;", en: "- the age distribution of the population;", nl: "- de leeftijdsverdeling van de bevolking;", de: "- die Altersverteilung der Bevölkerung;" },
  { fr: "- chacun des quartiers de la ville.", en: "- each of the city's neighbourhoods.", nl: "- elk van de wijken van de stad.", de: "- jedes Viertel der Stadt." },
  { fr: "### Article 4 — Mandat", en: "### Article 4 — Term", nl: "### Artikel 4 — Mandaat", de: "### Artikel 4 — Mandat" },
  {
    fr: "Les membres sont désignés pour deux ans. La moitié de l’assemblée est renouvelée chaque année.",
    en: "Members serve for two years. Half of the assembly is renewed every year.",
    nl: "De leden worden voor twee jaar aangewezen. Elk jaar wordt de helft van de assemblee vernieuwd.",
    de: "Die Mitglieder werden für zwei Jahre bestimmt. Jedes Jahr wird die Hälfte der Versammlung erneuert.",
  },
  { fr: "## Titre III — Le budget participatif", en: "## Title III — The participatory budget", nl: "## Titel III — De participatieve begroting", de: "## Titel III — Der Bürgerhaushalt" },
  { fr: "### Article 5 — Montant", en: "### Article 5 — Amount", nl: "### Artikel 5 — Bedrag", de: "### Artikel 5 — Betrag" },
  {
    fr: "Au moins 5 % du budget d’investissement de la commune est consacré chaque année à des projets proposés et choisis par les habitants.",
    en: "At least 5% of the municipality's capital budget is devoted every year to projects proposed and chosen by residents.",
    nl: "Elk jaar wordt ten minste 5 % van de investeringsbegroting van de gemeente besteed aan projecten die door de inwoners worden voorgesteld en gekozen.",
    de: "Mindestens 5 % des Investitionshaushalts der Gemeinde werden jedes Jahr für Projekte verwendet, die von den Einwohnern vorgeschlagen und ausgewählt werden.",
  },
  {
    fr: "L’assemblée citoyenne veille à la réalisation des projets retenus et en rend compte publiquement.",
    en: "The citizens' assembly oversees the carrying out of the chosen projects and reports on it publicly.",
    nl: "De burgerassemblee ziet toe op de uitvoering van de gekozen projecten en legt daarover publiek verantwoording af.",
    de: "Die Bürgerversammlung überwacht die Umsetzung der ausgewählten Projekte und berichtet öffentlich darüber.",
  },
];

const TITLE = { fr: "Charte municipale de la participation citoyenne", en: "Municipal charter of citizen participation", nl: "Gemeentelijk handvest voor burgerparticipatie", de: "Gemeindecharta der Bürgerbeteiligung" };
const DESCRIPTION = {
  fr: "Le projet de charte rédigé par l’assemblée citoyenne. Commentez chaque article et chaque paragraphe, annotez un passage ou proposez une nouvelle rédaction.",
  en: "The draft charter written by the citizens' assembly. Comment on each article and paragraph, annotate a passage or propose a new wording.",
  nl: "Het ontwerphandvest van de burgerassemblee. Reageer op elk artikel en elke alinea, annoteer een passage of stel een nieuwe formulering voor.",
  de: "Der Entwurf der Charta, verfasst von der Bürgerversammlung. Kommentieren Sie jeden Artikel und jeden Absatz, annotieren Sie eine Passage oder schlagen Sie eine neue Fassung vor.",
};
const COMPONENT_NAME = { fr: "Charte municipale", en: "Municipal charter", nl: "Gemeentelijk handvest", de: "Gemeindecharta" };

export const TEXT_PARTICIPANTS: Record<string, DemoParticipant> = {
  camille: { email: "camille.durand@pnyx.example", name: "Camille Durand", locale: "fr" },
  mehdi: { email: "mehdi.benali@pnyx.example", name: "Mehdi Benali", locale: "fr" },
  sophie: { email: "sophie.keller@pnyx.example", name: "Sophie Keller", locale: "de" },
  hugo: { email: "hugo.lefevre@pnyx.example", name: "Hugo Lefèvre", locale: "fr" },
  anouk: { email: "anouk.janssens@pnyx.example", name: "Anouk Janssens", locale: "nl" },
};

/** Comments by the index of the block they are on (in CHARTER). */
const COMMENTS: Record<number, DemoComment[]> = {
  3: [
    {
      by: "camille",
      locale: "fr",
      alignment: 1,
      body: "Très bien d’inclure les personnes qui travaillent ou étudient ici : les étudiants de l’université vivent la ville autant que nous.",
      votes: { mehdi: 1, anouk: 1 },
      replies: [{ by: "hugo", locale: "fr", body: "D’accord, mais comment vérifier qu’une personne travaille à Nancy sans lui demander trop de papiers ?" }],
    },
    { by: "sophie", locale: "de", alignment: 0, body: "Gilt das auch für Menschen, die nur für ein Semester hier sind? Eine Mindestdauer wäre vielleicht sinnvoll." },
  ],
  6: [
    { by: "mehdi", locale: "fr", alignment: -1, body: "Quinze jours, c’est trop court pour lire un document de cent pages. Je propose un mois.", votes: { camille: 1, hugo: 1 } },
  ],
  10: [
    { by: "anouk", locale: "nl", alignment: 1, body: "Loting met quota werkt goed in Oostbelgië; goed dat de wijken er expliciet in staan." },
  ],
  18: [
    { by: "hugo", locale: "fr", alignment: 0, body: "5 % du budget d’investissement, cela représente combien en euros pour l’année prochaine ?", replies: [{ by: "camille", locale: "fr", body: "Environ 2,4 millions d’euros d’après le budget primitif." }] },
  ],
};

export async function seedTextsDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const { db } = deps;
  const space = spaces.assembly;
  if (!space) return;
  const manifest = getComponentManifest("texts");
  if (!manifest) throw new Error("texts demo: the component is not registered");
  const actor = { id: adminId, ip: null };
  const component = await addComponent(db, actor, space.id, manifest, COMPONENT_NAME, { published: true });
  const place = { componentId: component.id, spaceId: space.id };
  const markdown = `${CHARTER.map((b) => b.fr).join("\n\n")}\n`;
  const created = await db.transaction((tx) => createText(tx, actor, { ...place, title: TITLE, description: DESCRIPTION, locale: "fr", markdown }));
  if (created.blocks !== CHARTER.length) throw new Error(`texts demo: the charter parsed into ${created.blocks} blocks, not ${CHARTER.length}`);
  const published = await publishDraft(db, actor, place, created.textId, { fr: "Projet de l’assemblée citoyenne, première lecture", en: "The citizens' assembly's draft, first reading", nl: "Ontwerp van de burgerassemblee, eerste lezing", de: "Entwurf der Bürgerversammlung, erste Lesung" });
  if (!published.ok) throw new Error(`texts demo: ${JSON.stringify(published.errors)}`);
  const versionId = published.value.versionId;
  await db.execute(sql`
    update text_version_blocks vb set translations = x.translations
    from unnest(${sql.param(CHARTER.map((_, i) => i))}::int[], ${sql.param(CHARTER.map((b) => JSON.stringify({ en: b.en, nl: b.nl, de: b.de })))}::jsonb[]) as x(position, translations)
    where vb.version_id = ${versionId} and vb.position = x.position`);
  const blocks = await db.execute<{ block_id: string; position: number }>(sql`select block_id, position from text_version_blocks where version_id = ${versionId} order by position`);
  const blockAt = (i: number) => Number(blocks.rows[i]?.block_id);
  for (const [index, threads] of Object.entries(COMMENTS)) await seedDiscussion(db, { type: "text_block", id: blockAt(Number(index)) }, place, TEXT_PARTICIPANTS, threads);
  await seedTextParticipation(db, place, created.textId, blockAt);
}

/** Annotations on two passages and an amendment awaiting the editors, as members leave them. */
async function seedTextParticipation(db: AppDeps["db"], place: { componentId: number; spaceId: number }, textId: number, blockAt: (i: number) => number): Promise<void> {
  // The first reading: comments, annotations and amendments are open.
  await db.execute(sql`update components set settings = jsonb_set(settings, '{defaultStep,amendmentsEnabled}', 'true'::jsonb) where id = ${place.componentId}`);
  const idOf = async (who: keyof typeof TEXT_PARTICIPANTS) => {
    const user = await findUserByEmail(db, TEXT_PARTICIPANTS[who]!.email);
    if (!user) throw new Error(`texts demo: no participant ${who}`);
    return user.id;
  };
  const annotations: Array<[keyof typeof TEXT_PARTICIPANTS, number, string, string]> = [
    ["mehdi", 3, "quelle que soit sa nationalité", "Cela inclut-il les personnes qui n’ont pas encore de titre de séjour ?"],
    ["anouk", 18, "Au moins 5 %", "À Gand, c’est 10 % : pourquoi pas un objectif qui augmente chaque année ?"],
  ];
  for (const [who, index, exact, note] of annotations) {
    const r = await createAnnotation(db, await idOf(who), place.componentId, textId, blockAt(index), { exact, note });
    if (r.kind !== "created") throw new Error(`texts demo: the annotation on "${exact}" was refused`);
  }
  const amended = await createAmendment(
    db,
    await idOf("camille"),
    place.componentId,
    textId,
    blockAt(7),
    { kind: "replace", body: "La commune explique par écrit, dans un délai de trois mois, la suite donnée à chaque contribution.", explanation: "Sans délai, l’engagement reste théorique." },
    2_000,
  );
  if (!amended.ok) throw new Error("texts demo: the amendment was refused");
}
