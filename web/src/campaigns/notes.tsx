import { Form, Input, type FormInstance } from 'antd';
import type { FigureRow, ReportNotes } from '../../../src/features/campaigns/schemas';
import { useT } from '../i18n';

export const NO_NOTES: ReportNotes = { difficulties: '', proposals: '', directorNote: '' };

/** The server's limit on each note. */
const NOTE_MAX = 4000;

/** Khó khăn, vướng mắc / Đề xuất, kiến nghị / Ý kiến giám đốc, sent with the figures. */
export function NotesFields() {
  const t = useT();
  const field = (name: keyof ReportNotes, label: string) => (
    <Form.Item name={name} label={label} style={{ marginBottom: 12 }}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={NOTE_MAX} />
    </Form.Item>
  );
  return (
    <>
      {field('difficulties', t('notesDifficulties'))}
      {field('proposals', t('notesProposals'))}
      {field('directorNote', t('notesDirector'))}
    </>
  );
}

export function trimNotes(notes: Partial<ReportNotes>): ReportNotes {
  return {
    difficulties: notes.difficulties?.trim() ?? '',
    proposals: notes.proposals?.trim() ?? '',
    directorNote: notes.directorNote?.trim() ?? '',
  };
}

/** The draft's rows with the notes being typed in its two text rows, as the submission will freeze them. */
export function useRowsWithNotes(rows: FigureRow[], form: FormInstance): FigureRow[] {
  const difficulties: string | undefined = Form.useWatch('difficulties', form);
  const proposals: string | undefined = Form.useWatch('proposals', form);
  return rows.map((r) => {
    if (r.indicator === 'difficulties') return { ...r, text: difficulties?.trim() ?? '' };
    return r.indicator === 'proposals' ? { ...r, text: proposals?.trim() ?? '' } : r;
  });
}
