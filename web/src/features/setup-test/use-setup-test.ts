import { useEffect, useState } from 'react';
import { EchoTest } from '../../core/echo-test';
import { LocalMedia } from '../../core/local-media';

export interface SetupTest {
  media: LocalMedia;
  echo: EchoTest;
}

/**
 * The page's live objects. Created once per page visit; leaving the page ends the echo test and releases camera and
 * microphone (both objects can start again, which React's development double-mount relies on).
 */
export function useSetupTest(): SetupTest {
  const [objects] = useState<SetupTest>(() => {
    const media = new LocalMedia();
    return { media, echo: new EchoTest(media) };
  });
  useEffect(
    () => () => {
      objects.echo.stop();
      objects.media.stop();
    },
    [objects],
  );
  return objects;
}
