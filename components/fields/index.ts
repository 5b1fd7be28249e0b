/**
 * The component of each field kind (the kinds themselves: utils/field-kinds/registry.ts).
 * A `Record` over every kind: adding a kind without its component fails the typecheck.
 */
import type { FunctionComponent } from 'preact';
import type { FieldKind } from '@/utils/field-kinds/types';
import { CascadeField, CheckboxField, MultiSelectField, RadioField, SelectField } from './choices';
import { AttachmentField, PortalOnlyField } from './files';
import {
  DateField,
  DateTimeField,
  LabelsField,
  NumberField,
  ParagraphField,
  TextField,
  UrlField,
} from './inputs';
import { MultiUserField, UserField } from './people';
import type { FieldProps } from './types';

export type { FieldProps, Person } from './types';

export const FIELD_COMPONENTS: Readonly<Record<FieldKind, FunctionComponent<FieldProps>>> = {
  text: TextField,
  paragraph: ParagraphField,
  select: SelectField,
  priority: SelectField,
  radio: RadioField,
  'multi-select': MultiSelectField,
  components: MultiSelectField,
  versions: MultiSelectField,
  checkbox: CheckboxField,
  cascade: CascadeField,
  labels: LabelsField,
  date: DateField,
  datetime: DateTimeField,
  number: NumberField,
  url: UrlField,
  user: UserField,
  'multi-user': MultiUserField,
  attachment: AttachmentField,
  unsupported: PortalOnlyField,
};
