/**
 * electron-builder configuration, used by `npm run dist` (scripts/dist.mjs). CommonJS because package.json
 * says "type": "module" and electron-builder loads its config with require().
 *
 * The app is what scripts/build.mjs put in build/ plus the project-file migrations and the demo study; the
 * only dependency left in node_modules is better-sqlite3's JavaScript. Its native part is the copy built for
 * Electron by scripts/electron-native.mjs, shipped as resources/native/better_sqlite3.node outside the asar
 * (electron/shell/native.ts loads it from there), so electron-builder must not rebuild anything itself:
 * here it would compile against Node's headers and report success (docs/native-module.md).
 */
const { join } = require('node:path');

const electronVersion = require('./node_modules/electron/package.json').version;
const nativeRoot = process.env.DYAD_ELECTRON_NATIVE_DIR || join(__dirname, '.electron-native');

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.dyad.app',
  productName: 'Dyad',
  copyright: 'Copyright © Dyad developers',
  electronVersion,
  directories: {
    output: 'release',
    // Not "build" (electron-builder's default), which is where our own build output lives and would be left out.
    buildResources: 'packaging',
  },
  files: [
    'build/electron/**/*',
    'build/renderer/**/*',
    'migrations/**/*',
    'demo/**/*',
    'package.json',
    '!**/*.map',
    // Everything else the main process uses is bundled into main.cjs. Of better-sqlite3 only its JavaScript is
    // needed (the app loads resources/native); not its sources, its Node build, or prebuild-install's tree,
    // which npm counts as a dependency but which only runs at install time.
    '!node_modules/**/*',
    'node_modules/better-sqlite3/package.json',
    'node_modules/better-sqlite3/lib/**/*',
    'node_modules/bindings/**/*',
    'node_modules/file-uri-to-path/**/*',
  ],
  extraResources: [
    { from: join(nativeRoot, electronVersion, 'better_sqlite3.node'), to: 'native/better_sqlite3.node' },
    // The `dyad` command line of the installed app (electron/shell/cli-mode.ts, docs/shell.md): a shell script
    // for Linux and macOS, a .cmd for Windows, both starting the app's own executable with --dyad-cli.
    { from: 'packaging/bin/dyad', to: 'bin/dyad' },
    { from: 'packaging/bin/dyad.cmd', to: 'bin/dyad.cmd' },
  ],
  asar: true,
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Electron's fuses (security checklist): no running as Node, no NODE_OPTIONS or --inspect, the app only from
  // its checked asar. A stand-in Electron (scripts/check-package.mjs) has no fuses to flip.
  electronFuses: process.env.DYAD_STANDIN_ELECTRON
    ? null
    : {
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      },
  fileAssociations: [
    {
      ext: 'dyad',
      name: 'Dyad project',
      description: 'Dyad project',
      mimeType: 'application/x-dyad-project',
      role: 'Editor',
    },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'dyad',
    category: 'Science',
    synopsis: 'Code client and therapist IPR interviews side by side',
    // A placeholder address until the project has a real one (deb requires an email here).
    maintainer: 'Dyad developers <dyad@example.org>',
    desktop: { entry: { Categories: 'Science;Education;' } },
  },
  deb: {
    priority: 'optional',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.education',
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
};
