import { render } from 'preact';
import { ScreenshotsSection } from '@/components/screenshot/ScreenshotsSection';
import { useScreenshots } from '@/utils/screenshot/use-screenshots';
import { tabIdFromSearch } from '@/utils/tab-target';

/** The screenshot editor in a page of its own, for when the popup is too small: ?tabId=&id= */
function EditorPage() {
  const params = new URLSearchParams(location.search);
  const screenshots = useScreenshots(tabIdFromSearch(location.search), {
    editId: params.get('id') ?? undefined,
  });
  return (
    <main class="editor-page">
      <h1 class="visually-hidden">Edit screenshots</h1>
      <ScreenshotsSection {...screenshots} />
    </main>
  );
}

render(<EditorPage />, document.getElementById('app') as HTMLElement);
