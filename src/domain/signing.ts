/**
 * Thẩm quyền ký (Decree 30/2020/NĐ-CP, art. 13): a document is signed by the head of the office that issues it, or by
 * a deputy "KT." (ký thay) on the head's behalf when the office delegates it. The title lines are printed in capitals
 * above the signature, the name below it.
 */
export interface OfficeSigning {
  headName: string;
  deputyName: string | null;
  byDeputy: boolean;
}

export interface Signature {
  /** The lines above the signature, e.g. "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC". */
  title: string;
  /** Empty when the office has set no signer and has no director account: the head's name is then typed on signing. */
  name: string;
}

export const HEAD_TITLE = 'GIÁM ĐỐC';
export const DEPUTY_TITLE = 'PHÓ GIÁM ĐỐC';

/**
 * Who signs for the issuing office: as set for it; else the director account of the office (a province office has
 * one); else the head's title alone. Never the director of another office: a grassroots office signs its own letters.
 */
export function signatureOf(setting: OfficeSigning | undefined, directorName: string | undefined): Signature {
  if (setting?.byDeputy && setting.deputyName)
    return { title: `KT. ${HEAD_TITLE}\n${DEPUTY_TITLE}`, name: setting.deputyName };
  if (setting) return { title: HEAD_TITLE, name: setting.headName };
  return { title: HEAD_TITLE, name: directorName ?? '' };
}
