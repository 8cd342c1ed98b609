/**
 * The preload of Dyad's window. It runs sandboxed (no Node), so build.mjs bundles it into one CommonJS file
 * with only 'electron' left external.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './preloadBridge';

contextBridge.exposeInMainWorld('dyad', buildBridge(ipcRenderer));
