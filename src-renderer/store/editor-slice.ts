import type { AppError, MeetingDto, MeetingId } from '../../src-main/shared/contract';
import {
  formFromMeeting,
  newMeetingForm,
  planSave,
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
};

export type EditorSlice = {
  editor: EditorState | null;
  /** Opens a new meeting, prefilled with a dragged range (Unix seconds) or the next hour. */
  openNewMeeting: (range?: { start: number; end: number }) => void;
  openMeeting: (id: MeetingId) => void;
  editForm: (patch: Partial<EditorForm>) => void;
  closeEditor: () => void;
  saveEditor: () => Promise<boolean>;
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
  return Object.fromEntries(
    Object.entries(fields).map(([key, messages]) => [
      key,
      messages.map((m) => API_WORDS.reduce((text, [re, word]) => text.replace(re, word), m)),
    ]),
  );
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
  (set, get) => ({
    editor: null,

    openNewMeeting: (range) => {
      const start = range?.start ?? nextWholeHour(now());
      const end = range?.end ?? start + 3600;
      set({
        editor: {
          meetingId: null,
          original: null,
          form: newMeetingForm(start, end, get().displayZone),
          fieldErrors: {},
          formError: null,
          saving: false,
        },
      });
    },

    openMeeting: (id) => {
      const meeting = get().meetings[id];
      if (!meeting) return;
      const form = formFromMeeting(meeting, get().displayZone);
      set({
        selectedId: id,
        editor: {
          meetingId: id,
          original: { meeting, form },
          form,
          fieldErrors: {},
          formError: null,
          saving: false,
        },
      });
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
      set({ editor: { ...editor, form: { ...editor.form, ...patch }, fieldErrors } });
    },

    closeEditor: () => set({ editor: null }),

    saveEditor: async () => {
      const { editor } = get();
      if (!editor || editor.saving || editor.original?.meeting.readOnly) return false;
      const plan = planSave(editor.form, editor.original);
      const update = (patch: Partial<EditorState>) => {
        const current = get().editor;
        if (current) set({ editor: { ...current, ...patch } });
      };
      switch (plan.kind) {
        case 'invalid':
          update({
            fieldErrors: plan.fields,
            formError: 'Please correct the fields marked below.',
          });
          return false;
        case 'unchanged':
          get().closeEditor();
          return true;
        case 'create':
        case 'update': {
          update({ saving: true, formError: null });
          const result =
            plan.kind === 'create'
              ? await api['meetings:create']({ draft: plan.draft })
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
            return false;
          }
          const saved = result.value;
          const range = get().loadedRange;
          if (!range || overlaps(saved, range)) {
            set({ meetings: { ...get().meetings, [saved.id]: saved } });
          } else {
            // Saved into another week: show it there rather than leave people wondering where it went.
            get().requestGoto(saved.start);
          }
          set({ editor: null, selectedId: saved.id });
          get().pushToast({
            kind: 'info',
            message: plan.kind === 'create' ? `Scheduled "${saved.name}"` : `Saved "${saved.name}"`,
          });
          return true;
        }
      }
    },
  });
