import type { AppError, MeetingDto, MeetingId } from '../../src-main/shared/contract';
import { mergeAttendees, parseAttendeeList } from '../lib/attendees';
import {
  END_BEFORE_START,
  formDuration,
  formFromMeeting,
  newMeetingForm,
  planSave,
  sameForm,
  withStart,
  withZone,
  type EditorForm,
  type FieldErrors,
} from '../lib/editor-form';
import { nextWholeHour } from '../lib/zoned-time';
import { overlaps, type SliceCreator } from './store-types';

export type EditorState = {
  /** null while creating. */
  meetingId: MeetingId | null;
  original: { meeting: MeetingDto; form: EditorForm } | null;
  form: EditorForm;
  fieldErrors: FieldErrors;
  /** A message for the whole form (the engine refused, or an error names no field we show). */
  formError: string | null;
  saving: boolean;
  /** The form as it opened: the editor asks before closing only when it differs from this. */
  initialForm: EditorForm;
  /** Typed into the attendee box but not yet made a chip: added (or refused) on save. */
  attendeeText: string;
  /** The meeting's length, kept while the start moves (the last one that made sense). */
  duration: number | null;
  /** "Discard changes?" is being asked. */
  confirmingDiscard: boolean;
};

export type EditorSlice = {
  editor: EditorState | null;
  /** Opens a new meeting, prefilled with a dragged range (Unix seconds) or the next hour. */
  openNewMeeting: (range?: { start: number; end: number }) => void;
  openMeeting: (id: MeetingId) => void;
  editForm: (patch: Partial<EditorForm>) => void;
  setAttendeeText: (text: string) => void;
  /** Closes at once; the editor's own Esc, Cancel and × go through requestCloseEditor. */
  closeEditor: () => void;
  /** Closes an unchanged editor; for a changed one, asks "Discard changes?" first. */
  requestCloseEditor: () => void;
  /** Answers "Keep editing" to "Discard changes?". */
  keepEditing: () => void;
  /** `asDraft` (new meetings only): keep it here, sent to nobody, until `sendDraft`. */
  saveEditor: (options?: { asDraft?: boolean }) => Promise<boolean>;
  /** For an open draft: saves what was edited, then sends it. */
  sendDraft: () => Promise<boolean>;
  /** The open meeting changed underneath the editor (a conflict settled): show it as it is now. */
  replaceEditorMeeting: (meeting: MeetingDto) => void;
};

/** Editor fields an engine error can be shown beside; anything else goes to the form message. */
export const EDITOR_FIELDS = [
  'name',
  'start',
  'end',
  'timeZone',
  'attendees',
  'chat',
  'record',
  'public',
  'scheduled',
  'notify',
  'notifyBefore',
] as const;

/** The engine speaks the API's names (`end_date`); the form says what the person sees. */
const API_WORDS: readonly [RegExp, string][] = [
  [/\bstart_date\b/g, 'the start'],
  [/\bend_date\b/g, 'the end'],
  [/\bnotify_before\b/g, 'the reminder'],
];

export function humanize(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = Object.fromEntries(
    Object.entries(fields).map(([key, messages]) => [
      key,
      messages.map((m) => API_WORDS.reduce((text, [re, word]) => text.replace(re, word), m)),
    ]),
  );
  // The engine files an order error under whichever time the update carried; the editor always
  // shows it in one place, under Ends, in its own words.
  const isOrder = (m: string) => /end must be after the start/i.test(m);
  const order = [...(out.start ?? []), ...(out.end ?? [])].some(isOrder);
  if (order) {
    const start = (out.start ?? []).filter((m) => !isOrder(m));
    if (start.length > 0) out.start = start;
    else delete out.start;
    out.end = [END_BEFORE_START, ...(out.end ?? []).filter((m) => !isOrder(m))];
  }
  return out;
}

function errorMessage(error: AppError): string {
  const fields = error.fields ?? {};
  const known = new Set<string>(EDITOR_FIELDS);
  const other = Object.entries(fields).filter(([key]) => !known.has(key));
  if (Object.keys(fields).length === 0) return error.message;
  if (other.length === 0) return 'Please correct the fields marked below.';
  return other.map(([key, messages]) => `${key}: ${messages.join(', ')}`).join('; ');
}

export const createEditorSlice: SliceCreator<EditorSlice> =
  ({ api, now }) =>
  (set, get) => {
    const update = (patch: Partial<EditorState>) => {
      const current = get().editor;
      if (current) set({ editor: { ...current, ...patch } });
    };

    /**
     * Writes the form to the engine as planned: the saved meeting, 'unchanged', or null once the
     * reason it was not saved is on the form.
     */
    const write = async (
      editor: EditorState,
      asDraft: boolean,
    ): Promise<MeetingDto | 'unchanged' | null> => {
      const plan = planSave(editor.form, editor.original);
      switch (plan.kind) {
        case 'invalid':
          update({
            fieldErrors: plan.fields,
            formError: 'Please correct the fields marked below.',
          });
          return null;
        case 'unchanged':
          return 'unchanged';
        case 'create':
        case 'update': {
          update({ saving: true, formError: null });
          const result =
            plan.kind === 'create'
              ? await api['meetings:create'](
                  asDraft ? { draft: plan.draft, asDraft: true } : { draft: plan.draft },
                )
              : await api['meetings:update']({
                  id: editor.meetingId as MeetingId,
                  changes: plan.changes,
                });
          if (!result.ok) {
            update({
              saving: false,
              fieldErrors: humanize(result.error.fields ?? {}),
              formError: errorMessage(result.error),
            });
            return null;
          }
          return result.value;
        }
      }
    };

    /**
     * What was typed in the attendee box but not made a chip is added now, as Enter would; if any
     * of it is not an attendee, the save stops with the reason beside the field. False then.
     */
    const commitAttendeeText = (): boolean => {
      const editor = get().editor;
      if (!editor || editor.attendeeText.trim() === '') return true;
      const list = parseAttendeeList(editor.attendeeText);
      if (list.rejected.length > 0) {
        update({
          fieldErrors: { ...editor.fieldErrors, attendees: [list.message ?? 'Not an attendee'] },
          formError: 'Please correct the fields marked below.',
        });
        return false;
      }
      update({
        attendeeText: '',
        form: { ...editor.form, attendees: mergeAttendees(editor.form.attendees, list.attendees) },
      });
      return true;
    };

    const opened = (
      form: EditorForm,
      meeting: MeetingDto | null,
    ): Omit<EditorState, 'meetingId'> => ({
      original: meeting ? { meeting, form } : null,
      form,
      fieldErrors: {},
      formError: null,
      saving: false,
      initialForm: form,
      attendeeText: '',
      duration: formDuration(form),
      confirmingDiscard: false,
    });

    /** The editor's work is done: show the meeting (or go to its week), close, and say so. */
    const finish = (saved: MeetingDto, message: string) => {
      const range = get().loadedRange;
      if (!range || overlaps(saved, range)) {
        set({ meetings: { ...get().meetings, [saved.id]: saved } });
      } else {
        // Saved into another week: show it there rather than leave people wondering where it went.
        get().requestGoto(saved.start);
      }
      set({ editor: null, selectedId: saved.id });
      get().pushToast({ kind: 'info', message });
    };

    return {
      editor: null,

      openNewMeeting: (range) => {
        const zone = get().displayZone;
        const start = range?.start ?? nextWholeHour(now(), zone);
        const end = range?.end ?? start + 3600;
        set({ editor: { meetingId: null, ...opened(newMeetingForm(start, end, zone), null) } });
      },

      openMeeting: (id) => {
        const meeting = get().meetings[id];
        if (!meeting) return;
        const form = formFromMeeting(meeting, get().displayZone);
        set({ selectedId: id, editor: { meetingId: id, ...opened(form, meeting) } });
      },

      editForm: (patch) => {
        const { editor } = get();
        if (!editor) return;
        // An edited field's old error no longer describes it; start and end are judged together.
        const cleared = new Set(Object.keys(patch));
        if (cleared.has('start') || cleared.has('end') || cleared.has('timeZone')) {
          cleared.add('start').add('end');
        }
        const fieldErrors = Object.fromEntries(
          Object.entries(editor.fieldErrors).filter(([key]) => !cleared.has(key)),
        );
        const { start, timeZone, ...rest } = patch;
        let form = editor.form;
        // A new zone keeps the instant; a new start keeps the length; the rest are taken as typed.
        if (timeZone !== undefined && timeZone !== form.timeZone) form = withZone(form, timeZone);
        const duration = formDuration(form) ?? editor.duration;
        if (start !== undefined) {
          form = patch.end === undefined ? withStart(form, start, duration) : { ...form, start };
        }
        form = { ...form, ...rest };
        set({
          editor: { ...editor, form, fieldErrors, duration: formDuration(form) ?? duration },
        });
      },

      setAttendeeText: (attendeeText) => {
        const { editor } = get();
        if (!editor) return;
        // Typing again answers the attendee error shown.
        const fieldErrors = Object.fromEntries(
          Object.entries(editor.fieldErrors).filter(([key]) => key !== 'attendees'),
        );
        set({ editor: { ...editor, attendeeText, fieldErrors } });
      },

      closeEditor: () => set({ editor: null }),

      requestCloseEditor: () => {
        const { editor } = get();
        if (!editor) return;
        const changed =
          !editor.original?.meeting.readOnly &&
          (!sameForm(editor.form, editor.initialForm) || editor.attendeeText.trim() !== '');
        if (changed) update({ confirmingDiscard: true });
        else get().closeEditor();
      },

      keepEditing: () => update({ confirmingDiscard: false }),

      saveEditor: async (options) => {
        const { editor } = get();
        if (!editor || editor.saving || editor.original?.meeting.readOnly) return false;
        const asDraft = options?.asDraft === true && editor.original === null;
        if (!commitAttendeeText()) return false;
        const written = await write(get().editor ?? editor, asDraft);
        if (written === null) return false;
        if (written === 'unchanged') {
          get().closeEditor();
          return true;
        }
        const name = `"${written.name}"`;
        finish(
          written,
          written.draft
            ? `Saved draft ${name}`
            : editor.original
              ? `Saved ${name}`
              : `Scheduled ${name}`,
        );
        return true;
      },

      sendDraft: async () => {
        const { editor } = get();
        const meeting = editor?.original?.meeting;
        if (!editor || editor.saving || !meeting?.draft || meeting.readOnly) return false;
        // Unsaved edits go first, so what is sent is what the person sees.
        if (!commitAttendeeText()) return false;
        const written = await write(get().editor ?? editor, false);
        if (written === null) return false;
        if (written !== 'unchanged') {
          // Saved: a second Send after a refused one must not write the same changes again.
          const form = get().editor?.form ?? editor.form;
          update({ original: { meeting: written, form }, initialForm: form });
        }
        update({ saving: true, formError: null });
        const result = await api['meetings:send']({ id: meeting.id });
        if (!result.ok) {
          update({ saving: false, formError: `Couldn't send: ${result.error.message}` });
          return false;
        }
        const sent = result.value;
        finish(
          sent,
          get().account
            ? `Sent "${sent.name}"`
            : `Scheduled "${sent.name}"; it will be sent when you connect an account`,
        );
        return true;
      },

      replaceEditorMeeting: (meeting) => {
        const { editor } = get();
        if (editor?.meetingId !== meeting.id) return;
        const form = formFromMeeting(meeting, get().displayZone);
        set({
          editor: {
            ...editor,
            ...opened(form, meeting),
            saving: editor.saving,
          },
        });
      },
    };
  };
