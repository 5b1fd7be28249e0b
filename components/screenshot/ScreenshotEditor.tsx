import type { TargetedKeyboardEvent, TargetedPointerEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/i18n';
import {
  type AnnotationDoc,
  canRedo,
  canUndo,
  createHistory,
  type EditAction,
  edit,
  HIGHLIGHT_COLOUR,
  type History,
  moveShape,
  REDACT_FILL,
  type Rect,
  rectFromPoints,
  redo,
  resizeShape,
  type Shape,
  undo,
} from '@/utils/screenshot/annotations';
import { drawingOrder } from '@/utils/screenshot/flatten';

type Tool = Shape['kind'] | 'crop';

const TOOLS: { tool: Tool; label: MessageKey; hint: MessageKey }[] = [
  { tool: 'rect', label: 'editor_toolRect', hint: 'editor_toolRectHint' },
  { tool: 'arrow', label: 'editor_toolArrow', hint: 'editor_toolArrowHint' },
  { tool: 'text', label: 'editor_toolText', hint: 'editor_toolTextHint' },
  { tool: 'redact', label: 'editor_toolRedact', hint: 'editor_toolRedactHint' },
  { tool: 'crop', label: 'editor_toolCrop', hint: 'editor_toolCropHint' },
];

interface Props {
  /** Object URL of the original image. */
  imageUrl: string;
  width: number;
  height: number;
  name: string;
  initial: AnnotationDoc;
  onChange: (doc: AnnotationDoc) => void;
  onClose: () => void;
  /** Shown when the editor is in the popup: opens it in a page of its own. */
  onOpenLarge?: () => void;
}

type Point = { x: number; y: number };

const newId = () => Math.random().toString(36).slice(2, 10);

function shapeFor(tool: Tool, a: Point, b: Point, size: Props, text: string): Shape | Rect {
  const rect = rectFromPoints(a, b, size);
  switch (tool) {
    case 'rect':
      return { kind: 'rect', id: newId(), rect, colour: HIGHLIGHT_COLOUR };
    case 'redact':
      return { kind: 'redact', id: newId(), rect };
    case 'arrow':
      return {
        kind: 'arrow',
        id: newId(),
        from: { x: Math.round(a.x), y: Math.round(a.y) },
        to: { x: Math.round(b.x), y: Math.round(b.y) },
        colour: HIGHLIGHT_COLOUR,
      };
    case 'text':
      return {
        kind: 'text',
        id: newId(),
        at: { x: Math.round(a.x), y: Math.round(a.y) },
        text: text || t('editor_defaultNote'),
        colour: HIGHLIGHT_COLOUR,
        size: Math.max(12, Math.round(size.height / 40)),
      };
    case 'crop':
      return rect;
  }
}

function ShapeView({ shape, stroke }: { shape: Shape; stroke: number }) {
  switch (shape.kind) {
    case 'rect':
      return (
        <rect
          {...shape.rect}
          fill="none"
          stroke={shape.colour}
          stroke-width={stroke}
          data-kind="rect"
        />
      );
    case 'redact':
      return <rect {...shape.rect} fill={REDACT_FILL} data-kind="redact" />;
    case 'arrow':
      return (
        <line
          x1={shape.from.x}
          y1={shape.from.y}
          x2={shape.to.x}
          y2={shape.to.y}
          stroke={shape.colour}
          stroke-width={stroke}
          marker-end="url(#sc-arrow-head)"
          data-kind="arrow"
        />
      );
    case 'text':
      return (
        <text
          x={shape.at.x}
          y={shape.at.y + shape.size}
          fill={shape.colour}
          font-size={shape.size}
          font-weight="600"
          paint-order="stroke"
          stroke="#ffffff"
          stroke-width={shape.size / 5}
          data-kind="text"
        >
          {shape.text}
        </text>
      );
  }
}

/**
 * Annotation editor: draws on the screenshot with the pointer, or by keyboard (Enter adds the
 * tool's shape in the middle, arrow keys move the newest shape, Shift+arrow keys resize it).
 * Coordinates are image pixels; the parent stores the document on every change.
 */
export function ScreenshotEditor(props: Props) {
  const { imageUrl, width, height, name, initial, onChange, onClose, onOpenLarge } = props;
  const [history, setHistory] = useState<History>(() => createHistory(initial));
  const [tool, setTool] = useState<Tool>('rect');
  const [label, setLabel] = useState(() => t('editor_defaultNote'));
  const [drag, setDrag] = useState<{ from: Point; to: Point }>();
  const [selected, setSelected] = useState<string>();
  const surface = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    // The popup is short: bring the opened editor into view.
    surface.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  useEffect(() => {
    // The first render shows what was saved; only the user's edits are saved back.
    if (first.current) {
      first.current = false;
      return;
    }
    changed.current(history.present);
  }, [history.present]);

  const apply = (action: EditAction) => setHistory((current) => edit(current, action));
  const doc = history.present;
  const stroke = Math.max(2, Math.round(width / 400));

  const toImage = (event: PointerEvent): Point => {
    const box = surface.current?.getBoundingClientRect();
    if (!box || box.width === 0) return { x: 0, y: 0 };
    return {
      x: Math.min(width, Math.max(0, ((event.clientX - box.left) * width) / box.width)),
      y: Math.min(height, Math.max(0, ((event.clientY - box.top) * height) / box.height)),
    };
  };

  const commit = (from: Point, to: Point) => {
    const made = shapeFor(tool, from, to, props, label);
    if ('kind' in made) {
      const isPoint = made.kind === 'text';
      if (!isPoint && Math.hypot(to.x - from.x, to.y - from.y) < 3) return;
      apply({ type: 'add', shape: made });
      setSelected(made.id);
    } else if (made.width > 2 && made.height > 2) {
      apply({ type: 'crop', rect: made });
    }
  };

  const onPointerDown = (event: TargetedPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = toImage(event);
    setDrag({ from: point, to: point });
  };
  const onPointerMove = (event: TargetedPointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, to: toImage(event) });
  };
  const onPointerUp = (event: TargetedPointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    commit(drag.from, toImage(event));
    setDrag(undefined);
  };

  const selectedShape = doc.shapes.find((shape) => shape.id === selected) ?? doc.shapes.at(-1);

  /** Undo/redo shortcuts anywhere in the editor. */
  const onEditorKeyDown = (event: TargetedKeyboardEvent<HTMLElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      setHistory(event.shiftKey ? redo : undo);
    } else if (mod && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      setHistory(redo);
    }
  };

  /** Drawing by keyboard on the canvas. */
  const onSurfaceKeyDown = (event: TargetedKeyboardEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const centre = { x: width / 2, y: height / 2 };
      const half = { x: width / 8, y: height / 8 };
      commit(
        { x: centre.x - half.x, y: centre.y - half.y },
        { x: centre.x + half.x, y: centre.y + half.y },
      );
      return;
    }
    const step = Math.max(1, Math.round(width / 100));
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = delta[event.key];
    if (move && selectedShape) {
      event.preventDefault();
      const shape = event.shiftKey
        ? resizeShape(selectedShape, move[0], move[1])
        : moveShape(selectedShape, move[0], move[1]);
      apply({ type: 'replace', shape });
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedShape) {
      event.preventDefault();
      apply({ type: 'remove', id: selectedShape.id });
      setSelected(undefined);
    }
  };

  const preview = drag ? shapeFor(tool, drag.from, drag.to, props, label) : undefined;
  const crop = doc.crop;

  return (
    <section class="sc-editor" aria-label={t('common_editNamed', name)} onKeyDown={onEditorKeyDown}>
      <div class="sc-toolbar" role="toolbar" aria-label={t('editor_toolbar')}>
        {TOOLS.map(({ tool: value, label: text, hint }) => (
          <button
            key={value}
            type="button"
            aria-pressed={tool === value}
            title={t(hint)}
            onClick={() => setTool(value)}
          >
            {t(text)}
          </button>
        ))}
        <button
          type="button"
          disabled={!canUndo(history)}
          onClick={() => setHistory(undo)}
          title={t('editor_undoShortcut')}
        >
          {t('editor_undo')}
        </button>
        <button
          type="button"
          disabled={!canRedo(history)}
          onClick={() => setHistory(redo)}
          title={t('editor_redoShortcut')}
        >
          {t('editor_redo')}
        </button>
        {crop && (
          <button type="button" onClick={() => apply({ type: 'crop', rect: null })}>
            {t('editor_removeCrop')}
          </button>
        )}
        {onOpenLarge && (
          <button type="button" onClick={onOpenLarge}>
            {t('editor_openLarge')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('common_done')}
        </button>
      </div>
      {tool === 'text' && (
        <label class="sc-label">
          {t('editor_labelText')}{' '}
          <input
            value={label}
            maxLength={500}
            onInput={(event) => setLabel(event.currentTarget.value)}
          />
        </label>
      )}
      <div
        ref={surface}
        class="sc-surface"
        role="application"
        aria-label={t('editor_canvas')}
        aria-describedby="sc-surface-help"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the drawing surface takes keys (Enter adds a shape, arrows move it).
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onSurfaceKeyDown}
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        <img src={imageUrl} alt={t('editor_imageAlt', name)} draggable={false} />
        <svg
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          data-testid="annotation-layer"
        >
          <defs>
            <marker
              id="sc-arrow-head"
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="4"
              markerHeight="4"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={HIGHLIGHT_COLOUR} />
            </marker>
          </defs>
          {drawingOrder(doc.shapes).map((shape) => (
            <ShapeView key={shape.id} shape={shape} stroke={stroke} />
          ))}
          {crop && (
            <path
              fill="rgba(0,0,0,0.55)"
              fill-rule="evenodd"
              d={`M0,0H${width}V${height}H0Z M${crop.x},${crop.y}h${crop.width}v${crop.height}h${-crop.width}Z`}
            />
          )}
          {preview &&
            ('kind' in preview ? (
              <ShapeView shape={preview} stroke={stroke} />
            ) : (
              <rect
                {...preview}
                fill="none"
                stroke="#ffffff"
                stroke-dasharray={`${stroke * 3}`}
                stroke-width={stroke}
              />
            ))}
        </svg>
      </div>
      <p id="sc-surface-help" class="notice">
        {t('editor_help')}
      </p>
    </section>
  );
}
