'use client';
/**
 * The playground's parts that its first paint does not show, each in its own chunk,
 * loaded when first rendered (the playground renders them after that paint, or when a
 * compile, a decompile or the library needs them): their scripts are not parsed and run
 * before the editor shows the text. Memoized: a keystroke does not render them.
 */
import dynamic from 'next/dynamic';
import { memo } from 'react';

export const LibraryPanel = memo(dynamic(() => import('@/components/library/LibraryPanel').then((m) => m.LibraryPanel), { ssr: false }));
export const FormBar = memo(dynamic(() => import('@/components/library/FormBar').then((m) => m.FormBar), { ssr: false }));
export const HistoryPanel = memo(dynamic(() => import('@/components/library/HistoryPanel').then((m) => m.HistoryPanel), { ssr: false }));
export const VariablesPanel = memo(dynamic(() => import('@/components/library/VariablesPanel').then((m) => m.VariablesPanel), { ssr: false }));
export const ConflictDialog = memo(dynamic(() => import('@/components/library/ConflictDialog').then((m) => m.ConflictDialog), { ssr: false }));
export const Toast = memo(dynamic(() => import('@/components/library/Toast').then((m) => m.Toast), { ssr: false }));
export const P3Panel = memo(dynamic(() => import('@/components/p3/P3Panel').then((m) => m.P3Panel), { ssr: false }));
export const DecompilePanel = memo(dynamic(() => import('./DecompilePanel').then((m) => m.DecompilePanel), { ssr: false }));
export const DecompiledText = memo(dynamic(() => import('./DecompiledText').then((m) => m.DecompiledText), { ssr: false }));
export const CompileResult = memo(dynamic(() => import('./CompileResult').then((m) => m.CompileResult), { ssr: false }));
export const RoundTripResult = memo(dynamic(() => import('./CompileResult').then((m) => m.RoundTripResult), { ssr: false }));
