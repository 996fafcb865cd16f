import { fold } from '../../common/text';

/**
 * A span of time an answer tells: "w ciągu 1 godziny", "przez 30 dni", "zajmuje kilka minut",
 * "całą dobę". A bare count of minutes is no span: in the articles minutes are what calls use
 * ("60 minut miesięcznie").
 */
const DURATION =
  /\b(\d+ (godz\w*|dni|dnia|dzien|tygodn\w*|miesiac\w*|miesiec\w*)|(kilka|kilku|kilkanascie|pare) (minut|godzin|dni|tygodni)|cala dobe|calodobow\w*|24\/7)\b/;

/** Whether a text tells how long something takes or lasts. */
export function tellsDuration(text: string): boolean {
  return DURATION.test(fold(text));
}
