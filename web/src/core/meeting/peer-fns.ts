import type { IceCandidate, VideoKind } from '@treffpunkt/protocol';

/** A browser ICE candidate in the protocol's shape; `null` ends gathering. */
export function toWireCandidate(init: RTCIceCandidateInit | null): IceCandidate {
  if (init === null) {
    return null;
  }
  return {
    candidate: init.candidate ?? '',
    sdpMid: init.sdpMid ?? null,
    sdpMLineIndex: init.sdpMLineIndex ?? null,
  };
}

/** The order of {@link cameraEncodings}, sent along with every `video.publish` (Janus cannot tell from the SDP). */
export const RID_ORDER = 'lmh';

/**
 * Simulcast layers of a camera, lowest first (rids `l`, `m`, `h`, as the WebRTC spec's examples order them and the
 * protocol's default `ridOrder`): 240×135, 480×270 and 960×540 from the 960×540 camera (local-media.ts); with these
 * limits all three together stay under the server's 1.5 Mbit/s cap.
 */
export function cameraEncodings(): RTCRtpEncodingParameters[] {
  return [
    { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 100_000, maxFramerate: 15 },
    { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 300_000, maxFramerate: 24 },
    { rid: 'h', maxBitrate: 900_000, maxFramerate: 24 },
  ];
}

/** A shared screen: one layer, sharp text before smooth motion. */
export function screenEncodings(): RTCRtpEncodingParameters[] {
  return [{ maxBitrate: 1_500_000, maxFramerate: 8 }];
}

export function encodingsFor(kind: VideoKind): RTCRtpEncodingParameters[] {
  return kind === 'camera' ? cameraEncodings() : screenEncodings();
}

/**
 * The rid order of the first `a=simulcast:send` line: `hml` (highest first), `lmh`, or `undefined` without
 * simulcast (or with rids this app does not use).
 */
export function simulcastRidOrder(sdp: string): 'hml' | 'lmh' | undefined {
  const line = /^a=simulcast:send ([^\r\n]+)$/m.exec(sdp)?.[1];
  if (line === undefined) {
    return undefined;
  }
  const rids = line
    .split(';')
    .map((rid) => rid.replace(/^~/, '').split(',')[0] ?? '')
    .join('');
  return rids === 'hml' ? 'hml' : rids === 'lmh' ? 'lmh' : undefined;
}

/** Which participant's stream each receiving transceiver carries, by mid. */
export function streamsByMid(
  streams: readonly { mid: string; participantId: string; kind: VideoKind }[],
): Map<string, { participantId: string; kind: VideoKind }> {
  return new Map(
    streams.map((stream) => [stream.mid, { participantId: stream.participantId, kind: stream.kind }]),
  );
}
