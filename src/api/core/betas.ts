/** The Files API's own beta; /v1/files requests carry it besides managed-agents (see resources/files/files.ts). */
export const FILES_API_BETA = 'files-api-2025-04-14';
