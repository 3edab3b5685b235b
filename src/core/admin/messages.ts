import { defineMessages } from "../i18n/define";

export default defineMessages({
  en: { "admin.dashboard.figures": "Figures", "admin.dashboard": "Dashboard", "admin.dashboard.title": "Administration dashboard", "admin.dashboard.intro": "Manage the organization, its spaces, components, people and appearance." },
  fr: { "admin.dashboard.figures": "Chiffres", "admin.dashboard": "Tableau de bord", "admin.dashboard.title": "Tableau de bord de l’administration", "admin.dashboard.intro": "Gérez l’organisation, ses espaces, ses composants, les personnes et l’apparence." },
  nl: { "admin.dashboard.figures": "Cijfers", "admin.dashboard": "Dashboard", "admin.dashboard.title": "Beheerdashboard", "admin.dashboard.intro": "Beheer de organisatie, haar ruimtes, componenten, mensen en vormgeving." },
  de: { "admin.dashboard.figures": "Zahlen", "admin.dashboard": "Übersicht", "admin.dashboard.title": "Verwaltungsübersicht", "admin.dashboard.intro": "Verwalten Sie die Organisation, ihre Räume, Komponenten, Personen und das Erscheinungsbild." },
});
