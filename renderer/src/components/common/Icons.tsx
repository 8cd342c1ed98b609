/** Small line icons (inline SVG: no icon font, nothing fetched). They inherit the text colour. */
import { iconShapes } from './iconShapes';
import { Shapes } from './Shapes';

interface IconProps {
  size?: number;
  title?: string;
}

function Svg({ size = 14, title, children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      className="icon"
    >
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

export const ChainIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6.5 9.5l3-3" />
    <path d="M7 4.8l1.2-1.2a2.6 2.6 0 0 1 3.7 3.7L10.7 8.5" />
    <path d="M9 11.2l-1.2 1.2a2.6 2.6 0 0 1-3.7-3.7l1.2-1.2" />
  </Svg>
);

export const UnlinkIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M7 4.8l1.2-1.2a2.6 2.6 0 0 1 3.7 3.7L10.7 8.5" />
    <path d="M9 11.2l-1.2 1.2a2.6 2.6 0 0 1-3.7-3.7l1.2-1.2" />
    <path d="M2.5 2.5l11 11" />
  </Svg>
);

export const PairIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.5 5.5h11" />
    <path d="M2.5 10.5h11" />
  </Svg>
);

export const ChevronIcon = ({ open, ...p }: IconProps & { open: boolean }) => (
  <Svg {...p}>
    <Shapes of={open ? iconShapes.chevronOpen : iconShapes.chevronClosed} />
  </Svg>
);

export const SearchIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="7" cy="7" r="4.2" />
    <path d="M10.2 10.2l3.3 3.3" />
  </Svg>
);

export const UpIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 10l4-4 4 4" />
  </Svg>
);

export const DownIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 6l4 4 4-4" />
  </Svg>
);

export const CloseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Svg>
);

export const GearIcon = (p: IconProps) => (
  <Svg {...p}>
    <Shapes of={iconShapes.gear} />
  </Svg>
);

export const ImportIcon = (p: IconProps) => (
  <Svg {...p}>
    <Shapes of={iconShapes.import} />
  </Svg>
);


export const PlayIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 3.2v9.6L12.6 8z" fill="currentColor" />
  </Svg>
);

export const PauseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5.5 3.5v9M10.5 3.5v9" strokeWidth={2.2} />
  </Svg>
);

export const BackIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3 8a5 5 0 1 0 1.5-3.6" />
    <path d="M3.5 2.5v2.5H6" />
  </Svg>
);

export const ForwardIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M13 8a5 5 0 1 1-1.5-3.6" />
    <path d="M12.5 2.5v2.5H10" />
  </Svg>
);
