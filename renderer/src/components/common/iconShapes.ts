/**
 * The shapes of the icons on the first screen (the navigator's chevron, import, settings, edit and memo icons), as
 * data: React's icon components and the plain-DOM first screen (firstScreen/draw.ts) draw them from here, so the two
 * drawings cannot drift apart.
 */
export type Shape = readonly ['path' | 'circle', Readonly<Record<string, string>>];

export const iconShapes = {
  chevronOpen: [['path', { d: 'M4 6l4 4 4-4' }]],
  chevronClosed: [['path', { d: 'M6 4l4 4-4 4' }]],
  gear: [
    ['circle', { cx: '8', cy: '8', r: '2.2' }],
    ['path', { d: 'M8 1.8v1.6M8 12.6v1.6M14.2 8h-1.6M3.4 8H1.8M12.4 3.6l-1.1 1.1M4.7 11.3l-1.1 1.1M12.4 12.4l-1.1-1.1M4.7 4.7L3.6 3.6' }],
  ],
  import: [
    ['path', { d: 'M8 2.5v7.5' }],
    ['path', { d: 'M5 7l3 3 3-3' }],
    ['path', { d: 'M2.5 11v2.5h11V11' }],
  ],
  pencil: [['path', { d: 'M10.5 2.8l2.7 2.7L6 12.7l-3.3.6.6-3.3z' }]],
  note: [
    ['path', { d: 'M3 2.5h7.5l2.5 2.5v8.5H3z' }],
    ['path', { d: 'M5.5 7h5M5.5 9.5h5M5.5 12h3' }],
  ],
} as const satisfies Record<string, readonly Shape[]>;
