/**
 * A request type's fields and their values. The kinds themselves live in the field-kind
 * registry (utils/field-kinds/registry.ts); this module keeps the ticket code's imports short.
 */
import type { PortalFieldMeta } from '../field-kinds/types';

export {
  defaultInput,
  displayInput,
  fieldKind,
  isChoiceKind,
  isEmptyValue,
  isMultiKind,
  parsePerson,
  personInput,
  requiredMessage,
  requiredWords,
  splitLabels,
  toJsmValue,
  UPLOADS_OF,
} from '../field-kinds/registry';
export {
  type Conversion,
  type FieldInput,
  FieldInputSchema,
  type FieldKind,
  type FieldWords,
  type JsmFieldValue,
  type PortalFieldMeta,
  type PortalFieldOption,
} from '../field-kinds/types';

/**
 * Fields the customer sees on the portal form: hidden ones are never sent
 * (docs/jsm-portal.md#hidden-fields).
 */
export function visibleFields<F extends PortalFieldMeta>(fields: readonly F[]): F[] {
  return fields.filter((f) => f.visible !== false);
}
