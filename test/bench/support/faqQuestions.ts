/**
 * Questions a customer might type, about every seed article: full sentences, missing
 * diacritics, typos, inflected forms, a few short English ones. Written for the benchmark (not
 * taken from the development set), so the load is the mix the desk really sees.
 */
export const FAQ_QUESTIONS: readonly string[] = [
  'Jak połączyć konto Office 365 ze Skype?',
  'Ile darmowych minut na rozmowy daje Office 365 Personal?',
  'gdzie aktywuje minuty skype z office',
  'Do ilu krajów mogę dzwonić w ramach minut z Office?',
  'Połączyłem złe konto Skype z Office, jak to zmienić?',
  'Czy minuty ze Skype przechodzą na następny miesiąc?',
  'czy moge dzwonic na numery alarmowe przez skypa',
  'Jak sprawdzić, ile minut Skype mi zostało?',
  'Co to jest abonament kanałów Skype Connect?',
  'Ile rozmów naraz obsłuży Skype Connect?',
  'Jak kupić kanały Skype Connect w Skype Managerze?',
  'Chcę zmniejszyć liczbę kanałów w profilu SIP',
  'jak zrezygnowac z abonamentu kanalow',
  'Kiedy pobierana jest opłata za kanały Skype Connect?',
  'Czy da się przenieść kanały do innego profilu SIP?',
  'Jak zadzwonić do pomocy technicznej Microsoft 365?',
  'Kto może zgłosić problem do pomocy technicznej?',
  'Nie jestem administratorem, gdzie szukać pomocy?',
  'Jak założyć zgłoszenie w centrum administracyjnym?',
  'Ile czasu macie na odpowiedź przy awarii krytycznej?',
  'Co oznacza ważność A zgłoszenia?',
  'Przykład problemu o średniej ważności',
  'W jakich godzinach działa wsparcie dla zgłoszeń B i C?',
  'Czy pomagacie przy wyborze planu przed zakupem?',
  'Czy wsparcie obejmuje szkolenia użytkowników?',
  'Pomoc telefoniczna jest po polsku?',
  'numer telefonu wsparcia w Polsce',
  'Czy dostanę pomoc przy migracji poczty do Exchange Online?',
  'How do I link Office and Skype?',
  'support phone number',
  'Jak anulowć subskrybcję kanałów Skype Connect?',
  'Co zrobić, gdy usługa całkiem nie działa dla wszystkich użytkowników?',
];
