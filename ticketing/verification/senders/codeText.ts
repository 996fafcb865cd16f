import type { CodeMessage } from './codeSender';

/**
 * The words of a code message in Polish and English. They live here, not in the bot's catalogue,
 * because ticketing never imports bot.
 */
export interface CodeText {
  subject: string;
  body: string;
  sms: string;
}

export function codeText(message: CodeMessage, name?: string): CodeText {
  const { code, orgName, expiresMinutes } = message;
  if (message.locale === 'en') {
    return {
      subject: `Your support desk verification code: ${code}`,
      body: [
        name ? `Hello ${name},` : 'Hello,',
        '',
        `Your code to confirm that you are an administrator of ${orgName} is: ${code}`,
        `It is valid for ${expiresMinutes} minutes and can be used once.`,
        '',
        'If you did not ask for it, ignore this message: nobody can act for you without the code.',
      ].join('\n'),
      sms: `${code} is your support desk code for “${orgName}”. Valid ${expiresMinutes} min. Do not share it.`,
    };
  }
  return {
    subject: `Kod weryfikacyjny pomocy technicznej: ${code}`,
    body: [
      // Not "Dzień dobry, Jan Kowalski,": a Polish greeting would need the name in the vocative.
      'Dzień dobry,',
      '',
      `Twój kod potwierdzający, że jesteś administratorem organizacji ${orgName}, to: ${code}`,
      `Kod jest ważny przez ${expiresMinutes} minut i można go użyć jeden raz.`,
      '',
      'Jeśli nikt z Twojej strony nie prosił o kod, zignoruj tę wiadomość: bez kodu nikt nie może działać w Twoim imieniu.',
    ].join('\n'),
    sms: `${code} to Twój kod pomocy technicznej dla „${orgName}”. Ważny ${expiresMinutes} min. Nie udostępniaj go.`,
  };
}
