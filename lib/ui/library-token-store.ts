'use client';
/** The library token (ATOMFORGE_LIBRARY_TOKEN) the playground sends on every change to the library. */
import { createTokenStore } from './token-store';

export const useLibraryTokenStore = createTokenStore('atomforge-library-token');
