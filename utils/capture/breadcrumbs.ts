/**
 * The step recorder's public face: the crumb's schema and type, the recorder
 * (steps/recorder.ts, where its parts are listed) and who may record. The page-context
 * script imports the recorder itself, so it bundles none of the schemas.
 */
export {
  BREADCRUMB_LIMITS,
  type Breadcrumb,
  type BreadcrumbKind,
  BreadcrumbKindSchema,
  BreadcrumbSchema,
} from './steps/breadcrumb';
export {
  type BreadcrumbRecorder,
  type RecorderOptions,
  startBreadcrumbRecorder,
} from './steps/recorder';

/** Whether steps may be recorded on `origin`: always-on capture allowed, recording not off. */
export function recordingAllowed(
  origin: string,
  allowedOrigins: readonly string[],
  recordingOffOrigins: readonly string[],
): boolean {
  return allowedOrigins.includes(origin) && !recordingOffOrigins.includes(origin);
}
