// The API answers refusals in English with a stable code; a Polish console says them in Polish.
// A text ending in ': ' is followed by the server's own words, which name the field or the value.
(function (C) {
  'use strict';
  C.addErrorTexts({
    not_found: 'Nie ma takiego zgłoszenia ani zasobu.',
    illegal_transition: 'Stan zgłoszenia na to nie pozwala.',
    ticket_closed: 'Zgłoszenie jest zamknięte.',
    ticket_not_open: 'Zgłoszenie nie jest otwarte.',
    ticket_not_resolved: 'Zgłoszenie nie jest rozwiązane.',
    clock_paused: 'Zegar SLA jest wstrzymany: zgłoszenie czeka na klienta.',
    open_ticket_limit: 'Masz już najwięcej otwartych zgłoszeń, ile wolno: rozwiąż któreś, zanim weźmiesz następne.',
    concurrent_update: 'Ktoś właśnie zmienił to zgłoszenie: spróbuj jeszcze raz.',
    forbidden: 'Twoja rola na to nie pozwala.',
    supervisor_required: 'To może zrobić tylko kierownik.',
    skill_missing: 'Ten konsultant nie ma umiejętności potrzebnych do kategorii tego zgłoszenia.',
    reason_required: 'Obniżenie klasy wymaga powodu z listy.',
    question_required: 'Oczekiwanie na klienta wymaga pytania do niego.',
    lowering_refused: 'Teraz nie można obniżyć klasy z tego powodu.',
    severity_not_allowed: 'Umowa lub kategoria nie pozwala na tę klasę.',
    invalid_grade_change: 'Takiej zmiany klasy nie można wprowadzić.',
    payload_too_large: 'Za dużo danych naraz.',
    rate_limited: 'Za dużo żądań: poczekaj chwilę.',
    csrf_token_invalid: 'Sesja wymaga odświeżenia strony.',
    invalid_body: 'Nieprawidłowe dane: ',
    invalid_query: 'Nieprawidłowe zapytanie: ',
    invalid_request: 'Nieprawidłowe dane: ',
    invalid_message: 'Nieprawidłowa wiadomość: ',
    invalid_upload: 'Nie przyjęto pliku: ',
  });
})(window.DeskConsole);
