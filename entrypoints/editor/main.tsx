import { render } from 'preact';
import { useScreenshots } from '@/components/hooks/use-screenshots';
import { ScreenshotsSection } from '@/components/screenshot/ScreenshotsSection';
import { t } from '@/utils/i18n';
import { followEffectiveSettings } from '@/utils/settings/effective';
import { tabIdFromSearch } from '@/utils/tab-target';

/** The screenshot editor in a page of its own, for when the popup is too small: ?tabId=&id= */
function EditorPage() {
  const params = new URLSearchParams(location.search);
  const screenshots = useScreenshots(tabIdFromSearch(location.search), {
    editId: params.get('id') ?? undefined,
  });
  return (
    <main class="editor-page">
      <h1 class="visually-hidden">{t('editor_heading')}</h1>
      <ScreenshotsSection {...screenshots} />
    </main>
  );
}

// index.html carries the English title; the page shows the browser's language.
document.title = t('editor_title');
// The language of the messages shown (the browser's UI language may have none).
document.documentElement.lang = t('locale_lang');
// File names and texts are redacted with the settings in force, as in the popup.
followEffectiveSettings();
render(<EditorPage />, document.getElementById('app') as HTMLElement);
