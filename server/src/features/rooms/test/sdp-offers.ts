import { randomBytes } from 'node:crypto';

/**
 * Browser-like SDP offers for tests over signalling without a browser: enough for Janus to join or publish and
 * answer (BUNDLE, trickle ICE, DTLS fingerprint). ICE never completes, so no media flows and feeds never go live.
 */

function offer(mLine: string, lines: string[]): { type: 'offer'; sdp: string } {
  const fingerprint = Array.from(randomBytes(32), (byte) => byte.toString(16).padStart(2, '0').toUpperCase());
  const all = [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    mLine,
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${randomBytes(3).toString('hex')}`,
    `a=ice-pwd:${randomBytes(12).toString('hex')}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${fingerprint.join(':')}`,
    'a=setup:actpass',
    'a=mid:0',
    'a=rtcp-mux',
    ...lines,
  ];
  return { type: 'offer', sdp: `${all.join('\r\n')}\r\n` };
}

const ssrc = () => 1000 + Math.floor(Math.random() * 1e6);

/** Opus with in-band FEC and the audio-level extension, as Chromium offers it. */
export function audioOffer(): { type: 'offer'; sdp: string } {
  return offer('m=audio 9 UDP/TLS/RTP/SAVPF 111', [
    'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
    'a=sendrecv',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    `a=ssrc:${ssrc()} cname:integration`,
  ]);
}

/** VP8 with three simulcast layers listed lowest first, as the web app sends its camera. */
export function cameraOffer(): { type: 'offer'; sdp: string } {
  return offer('m=video 9 UDP/TLS/RTP/SAVPF 96', [
    'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
    'a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
    'a=sendonly',
    'a=rtpmap:96 VP8/90000',
    'a=rtcp-fb:96 nack',
    'a=rtcp-fb:96 nack pli',
    'a=rtcp-fb:96 ccm fir',
    'a=rid:l send',
    'a=rid:m send',
    'a=rid:h send',
    'a=simulcast:send l;m;h',
  ]);
}
