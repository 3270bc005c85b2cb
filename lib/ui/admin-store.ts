'use client';
/** The operator's admin token (ATOMFORGE_ADMIN_TOKEN) for the dashboard's pool actions. */
import { createTokenStore } from './token-store';

export const useAdminStore = createTokenStore('atomforge-admin');
