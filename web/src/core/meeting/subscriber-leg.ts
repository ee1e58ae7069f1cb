import type { IceCandidate, SessionDescription, VideoKind } from '@treffpunkt/protocol';
import { videoKey } from './layout-fns';
import type { LegStatus } from './meeting-types';
import { streamsByMid, toWireCandidate } from './peer-fns';

export interface SubscriberLegOptions {
  sendAnswer(revision: number, answer: SessionDescription): void;
  trickle(candidate: IceCandidate): void;
  onStatus(status: LegStatus): void;
  /** The received videos by `participantId:kind`; a stream object stays the same while its track does. */
  onVideos(videos: Record<string, MediaStream>): void;
  createPeer?: () => RTCPeerConnection;
}

export interface SubscriberOffer {
  revision: number;
  offer: SessionDescription;
  streams: { mid: string; participantId: string; kind: VideoKind }[];
  /** The server started a new subscription: answer on a new connection. */
  newConnection?: boolean | undefined;
}

/**
 * The one PeerConnection that receives other people's videos. The server offers (`video.subscriberOffer`, each with
 * a higher revision and which participant each mid carries); this side answers. An offer marked `newConnection`
 * (or one that does not fit the old connection) gets a new connection. Revisions older than the last are ignored.
 */
export class SubscriberLeg {
  private peer: RTCPeerConnection | undefined;
  private revision = -1;
  private generation = 0;
  /** One MediaStream per received track, so video elements keep their source across offers. */
  private readonly streamsByTrack = new Map<string, MediaStream>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: SubscriberLegOptions) {}

  get connection(): RTCPeerConnection | undefined {
    return this.peer;
  }

  /** Applies offers one after another, in arrival order. */
  applyOffer(offer: SubscriberOffer): Promise<void> {
    this.queue = this.queue.then(() => this.apply(offer)).catch(() => this.options.onStatus('failed'));
    return this.queue;
  }

  /** Forgets the revision so the next offer (after a rejoin) is taken whatever its number. */
  reset(): void {
    this.revision = -1;
    this.dropPeer();
    this.options.onVideos({});
  }

  close(): void {
    this.closed = true;
    this.dropPeer();
    this.options.onVideos({});
    this.options.onStatus('off');
  }

  private async apply(offer: SubscriberOffer): Promise<void> {
    if (this.closed || offer.revision < this.revision) {
      return;
    }
    this.revision = offer.revision;
    if (this.peer && offer.newConnection !== true) {
      try {
        await this.answer(this.peer, offer);
        return;
      } catch {
        // The offer belongs to a new server-side session: start over with a new connection.
      }
    }
    await this.answer(this.newPeer(), offer);
  }

  private async answer(peer: RTCPeerConnection, offer: SubscriberOffer): Promise<void> {
    const generation = this.generation;
    await peer.setRemoteDescription(offer.offer);
    const answer = await peer.createAnswer();
    await peer.setLocalDescription(answer);
    if (generation !== this.generation) {
      return;
    }
    const local = peer.localDescription ?? answer;
    this.options.sendAnswer(offer.revision, { type: 'answer', sdp: local.sdp ?? '' });
    this.publishVideos(peer, offer.streams);
  }

  private publishVideos(peer: RTCPeerConnection, streams: SubscriberOffer['streams']): void {
    const byMid = streamsByMid(streams);
    const videos: Record<string, MediaStream> = {};
    const liveTracks = new Set<string>();
    for (const transceiver of peer.getTransceivers()) {
      const owner = transceiver.mid === null ? undefined : byMid.get(transceiver.mid);
      const track = transceiver.receiver.track;
      if (!owner || transceiver.currentDirection === 'inactive' || transceiver.direction === 'inactive') {
        continue;
      }
      let stream = this.streamsByTrack.get(track.id);
      if (!stream) {
        stream = new MediaStream([track]);
        this.streamsByTrack.set(track.id, stream);
      }
      liveTracks.add(track.id);
      videos[videoKey(owner.participantId, owner.kind)] = stream;
    }
    for (const id of [...this.streamsByTrack.keys()]) {
      if (!liveTracks.has(id)) {
        this.streamsByTrack.delete(id);
      }
    }
    this.options.onVideos(videos);
  }

  private newPeer(): RTCPeerConnection {
    this.dropPeer();
    const generation = this.generation;
    const peer = (this.options.createPeer ?? (() => new RTCPeerConnection({ iceServers: [] })))();
    this.peer = peer;
    this.options.onStatus('connecting');
    peer.addEventListener('icecandidate', (event) => {
      if (generation === this.generation && event.candidate?.candidate !== '') {
        this.options.trickle(toWireCandidate(event.candidate?.toJSON() ?? null));
      }
    });
    peer.addEventListener('connectionstatechange', () => {
      if (generation !== this.generation) {
        return;
      }
      const state = peer.connectionState;
      if (state === 'connected') {
        this.options.onStatus('connected');
      } else if (state === 'disconnected') {
        this.options.onStatus('restarting');
      } else if (state === 'failed') {
        this.options.onStatus('failed');
      }
    });
    return peer;
  }

  private dropPeer(): void {
    this.generation += 1;
    this.peer?.close();
    this.peer = undefined;
    this.streamsByTrack.clear();
  }
}
