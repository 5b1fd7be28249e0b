import type { FieldInput, PortalFieldMeta } from '@/utils/field-kinds/types';

/** A person a user picker can choose. */
export interface Person {
  accountId: string;
  displayName: string;
}

/** What every field component receives. */
export interface FieldProps {
  field: PortalFieldMeta;
  value: FieldInput | undefined;
  onChange: (value: FieldInput | undefined) => void;
  /** The control's id (its label points at it). */
  id: string;
  /** Accessibility attributes for the control: required, invalid, described by. */
  aria: {
    'aria-required'?: 'true';
    'aria-invalid'?: 'true';
    'aria-describedby'?: string;
  };
  /** The label or legend, with the required marker. */
  label: preact.ComponentChildren;
  /** The report's files (for the attachment field). */
  files?: readonly { blobId: string; name: string }[];
  /** People search (user pickers), as when sharing the request. */
  searchPeople?: (query: string) => Promise<Person[]>;
  /** The request type's form on the portal, for what only the portal can fill. */
  portalFormUrl?: string;
}

export const list = (value: FieldInput | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : value ? [value] : [];
export const single = (value: FieldInput | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? (value[0] ?? '') : value;
