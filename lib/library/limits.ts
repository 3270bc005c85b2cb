/** Bounds on everything the library stores or reads. */
export const MAX_NAME_CHARS = 255;
export const MAX_FOLDER_CHARS = 1024;
export const MAX_TAGS = 32;
export const MAX_TAG_CHARS = 64;
export const MAX_MESSAGE_CHARS = 1000;
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
export const MAX_SEARCH_CHARS = 255;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_RECENT = 100;
export const MAX_VARIABLE_SETS_PER_FORM = 100;
export const MAX_VARIABLES = 1000;
export const MAX_VARIABLE_NAME_CHARS = 128;

/** export/import */
export const MAX_IMPORT_ENTRIES = 20_000;
export const MAX_IMPORT_ENTRY_BYTES = MAX_SOURCE_BYTES;
export const MAX_IMPORT_TOTAL_BYTES = 256 * 1024 * 1024;
export const MAX_IMPORT_ZIP_BYTES = 64 * 1024 * 1024;
