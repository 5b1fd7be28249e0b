import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PortalState } from '@/components/composer/PortalPicker';
import { useEffectiveSettings } from '@/components/hooks/use-effective-settings';
import { composerChoiceItem, portalMetaCacheItem, savedMappingsItem } from '@/utils/composer/items';
import {
  chooseRequestType,
  chooseServiceDesk,
  loadRequestForm,
  type RequestForm,
  type RequestTypeSummary,
  rememberPortalAnswers,
} from '@/utils/composer/portal-meta';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messages/background';
import type { ConnectionView, ServiceDeskSummary } from '@/utils/portal/protocol';
import {
  type Draft,
  type MappingOverrides,
  mappingKey,
  type SavedMappings,
} from '@/utils/ticket/draft';

const portalSend = rememberPortalAnswers({
  getConnection: () => sendMessage('getConnection', {}),
  listServiceDesks: () => sendMessage('listServiceDesks', {}),
  listRequestTypes: (serviceDeskId) => sendMessage('listRequestTypes', { serviceDeskId }),
  getRequestTypeFields: (serviceDeskId, requestTypeId) =>
    sendMessage('getRequestTypeFields', { serviceDeskId, requestTypeId }),
});

const fail = (cause: unknown) => AppError.from(cause).info;

/**
 * Where the draft goes: the connection, the desks and request types (the organisation's
 * choice, else the last one, preselected and kept in the draft; only the organisation's when
 * it locks it), the chosen type's fields, and the mappings: the user's saved per request type
 * over the profile's defaults. The severity wording and escalation channels are the active
 * profile's, all read from the settings in force (utils/settings/).
 */
export function usePortalForm(
  draft: Draft | undefined,
  update: (draft: Draft) => void,
  /** For changes the popup makes on its own (not the user's edits). */
  adjust: (draft: Draft) => void = update,
) {
  const [state, setState] = useState<PortalState>('loading');
  const [connection, setConnection] = useState<ConnectionView>();
  const [desks, setDesks] = useState<ServiceDeskSummary[]>([]);
  const [types, setTypes] = useState<{ deskId: string; list: RequestTypeSummary[] }>();
  const [form, setForm] = useState<{ key: string; form: RequestForm }>();
  const [loadingFields, setLoadingFields] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const [saved, setSaved] = useState<SavedMappings>({});
  const [mappingStatus, setMappingStatus] = useState<string>();
  const settings = useEffectiveSettings();
  const preset = settings?.composerDefaults ?? {};
  const locked = settings?.locked.requestType ?? false;

  // Bumped when the background's cache of desks, types and fields was refreshed with a
  // different answer from the portal: the effects below ask again and get the new one.
  const [metaVersion, setMetaVersion] = useState(0);
  useEffect(
    () =>
      portalMetaCacheItem.watch(() => {
        portalSend.forget();
        setMetaVersion((v) => v + 1);
      }),
    [],
  );

  useEffect(() => {
    // All at once: the popup waits for the slowest answer, not for their sum. The last choice's
    // types and fields were asked for by the popup's first script (entrypoints/popup/main.ts);
    // the effects below take those answers.
    const desksRead = portalSend.listServiceDesks();
    desksRead.catch(() => undefined);
    void (async () => {
      try {
        const [view, mappings] = await Promise.all([
          portalSend.getConnection(),
          savedMappingsItem.get(),
        ]);
        setConnection(view);
        if (!view.portalUrl) return setState('not-connected');
        setSaved(mappings);
        setDesks((await desksRead).serviceDesks);
        setState('ready');
      } catch (cause) {
        setError(fail(cause));
        setState('error');
      }
    })();
  }, []);

  // Nothing is chosen before the settings are read: the organisation's choice comes first.
  const deskId =
    draft && settings
      ? locked && preset.serviceDeskId
        ? desks.find((d) => d.id === preset.serviceDeskId)?.id
        : chooseServiceDesk(desks, preset.serviceDeskId, draft.serviceDeskId)
      : undefined;
  useEffect(() => {
    if (!deskId) return;
    let live = true;
    portalSend.listRequestTypes(deskId).then(
      (list) => live && setTypes({ deskId, list: list.requestTypes }),
      (cause) => live && setError(fail(cause)),
    );
    return () => {
      live = false;
    };
  }, [deskId, metaVersion]);

  const typeList = types?.deskId === deskId ? types?.list : undefined;
  const typeId =
    draft && typeList
      ? locked && preset.requestTypeId
        ? typeList.find((type) => type.id === preset.requestTypeId)?.id
        : chooseRequestType(
            typeList,
            deskId === preset.serviceDeskId ? preset.requestTypeId : undefined,
            draft.requestTypeId,
          )
      : undefined;

  // Keep the draft's choice in step with what is shown (a first choice, a desk gone away).
  useEffect(() => {
    if (!draft || !deskId || !typeList) return;
    if (draft.serviceDeskId === deskId && draft.requestTypeId === typeId) return;
    const overrides =
      draft.requestTypeId === typeId ? draft.mappingOverrides : savedFor(deskId, typeId);
    adjust({ ...draft, serviceDeskId: deskId, requestTypeId: typeId, mappingOverrides: overrides });
  }, [draft?.serviceDeskId, draft?.requestTypeId, deskId, typeId, typeList]);

  const formKey = deskId && typeId ? mappingKey(deskId, typeId) : undefined;
  useEffect(() => {
    if (!deskId || !typeId || !formKey) return;
    let live = true;
    // A refresh keeps the shown form until the new one is in.
    if (form?.key !== formKey) setLoadingFields(true);
    loadRequestForm(portalSend, deskId, typeId).then(
      (loaded) => {
        if (!live) return;
        setForm({ key: formKey, form: loaded });
        setLoadingFields(false);
      },
      (cause) => {
        if (!live) return;
        setError(fail(cause));
        setLoadingFields(false);
      },
    );
    return () => {
      live = false;
    };
  }, [formKey, metaVersion]);

  function savedFor(desk: string | undefined, type: string | undefined): MappingOverrides {
    const own = desk && type ? saved[mappingKey(desk, type)] : undefined;
    return { ...settings?.fieldMappings, ...own };
  }

  const remember = (choice: { serviceDeskId?: string; requestTypeId?: string }) =>
    void composerChoiceItem.set(choice);

  const chooseDesk = (id: string) => {
    if (!draft || locked) return;
    remember({ serviceDeskId: id });
    update({ ...draft, serviceDeskId: id, requestTypeId: undefined, mappingOverrides: {} });
  };
  const chooseType = (id: string) => {
    if (!draft || locked) return;
    remember({ serviceDeskId: deskId, requestTypeId: id });
    update({ ...draft, requestTypeId: id, mappingOverrides: savedFor(deskId, id) });
  };
  // The first choice made for the user counts as the last one used, too.
  useEffect(() => {
    if (deskId && typeId) remember({ serviceDeskId: deskId, requestTypeId: typeId });
  }, [deskId, typeId]);

  const saveMapping = async (overrides: MappingOverrides) => {
    if (!formKey) return;
    const next = { ...saved, [formKey]: overrides };
    await savedMappingsItem.set(next);
    setSaved(next);
    setMappingStatus(t('mapping_saved'));
  };

  const current = form?.key === formKey ? form?.form : undefined;
  const portalName = useMemo(() => {
    try {
      return connection?.portalUrl ? new URL(connection.portalUrl).host : undefined;
    } catch {
      return connection?.portalUrl;
    }
  }, [connection]);

  const chosenType = typeList?.find((type) => type.id === typeId);
  const portalFormUrl =
    connection?.portalUrl && chosenType?.portalId
      ? `${connection.portalUrl.replace(/\/+$/, '')}/servicedesk/customer/portal/${chosenType.portalId}/create/${chosenType.id}`
      : undefined;

  return {
    state,
    connection,
    portalFormUrl,
    portalName,
    definitions: settings?.severityDefinitions,
    escalation: settings?.escalationChannels ?? [],
    supportEmail: settings?.supportEmail,
    desks: desks.map((d) => ({ id: d.id, name: d.projectName })),
    requestTypes: (typeList ?? []).map((type) => ({ id: type.id, name: type.name })),
    serviceDeskId: deskId,
    requestTypeId: typeId,
    /** The organisation set the service desk and request type: shown, not changeable. */
    requestTypeLocked: locked,
    fields: current?.fields,
    canAddRequestParticipants: current?.canAddRequestParticipants,
    loadingFields,
    error,
    chooseDesk,
    chooseType,
    saveMapping,
    mappingStatus,
  };
}
