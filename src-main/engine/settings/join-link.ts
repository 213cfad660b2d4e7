import { validationError } from '../errors';

/** `https://meet.example.com/conference/join/%s` with `%s` replaced by the meeting's `_id`. */
export function renderJoinLink(template: string | undefined, meetingId: string): string | null {
  if (!template) return null;
  return template.split('%s').join(encodeURIComponent(meetingId));
}

/** A template must be an http(s) URL with exactly one `%s`. */
export function validateMeetingUrlTemplate(template: string): string {
  let ok = (template.match(/%s/g) ?? []).length === 1;
  if (ok) {
    try {
      const url = new URL(template.replace('%s', 'id'));
      ok = url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw validationError({
      meeting_url_template: [
        'must be an http(s) URL containing %s once, e.g. https://meet.example.com/join/%s',
      ],
    });
  }
  return template;
}
