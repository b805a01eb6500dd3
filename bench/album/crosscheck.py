#!/usr/bin/env python3
"""Independent cross-check of acepipe's loudness meter (needs numpy and scipy; not part of the build).

Writes two music-like test files, a.wav and b.wav, into the current directory and prints their BS.1770-4 integrated
loudness computed here with the standard's own 48 kHz coefficient table. Compare with:
    ./engine loudness --format json a.wav b.wav
"""
import numpy as np, scipy.signal as sg, wave, sys
def write(path, x, rate):
    x16 = np.clip(np.round(x*32767), -32768, 32767).astype('<i2')
    with wave.open(path,'wb') as w:
        w.setnchannels(x.shape[1]); w.setsampwidth(2); w.setframerate(rate); w.writeframes(x16.tobytes())
    return x16.astype(np.float64)/32768
def lufs48(x):
    b1=[1.53512485958697,-2.69169618940638,1.19839281085285]; a1=[1,-1.69065929318241,0.73248077421585]
    b2=[1,-2,1]; a2=[1,-1.99004745483398,0.99007225036621]
    y = sg.lfilter(b2,a2, sg.lfilter(b1,a1,x,axis=0),axis=0)
    rate=48000; step=rate//10; blk=4*step
    n=(len(y)-blk)//step+1
    z=np.array([ (y[j*step:j*step+blk]**2).mean(axis=0).sum() for j in range(n)])
    l=-0.691+10*np.log10(np.maximum(z,1e-300))
    g=z[l>-70]; rel=-0.691+10*np.log10(g.mean())-10
    return -0.691+10*np.log10(z[(l>-70)&(l>rel)].mean())
rng=np.random.default_rng(1)
rate=48000
for name,secs in [('a',60),('b',45)]:
    t=np.arange(secs*rate)/rate
    env=np.where((t//7)%2==0,0.2,0.9)*np.minimum(1,t/3)
    sig=np.zeros((len(t),2))
    for f in [110,220,277,330,440,660,1320,3000,6000]:
        sig[:,0]+=np.sin(2*np.pi*f*t+rng.random())/ (1+f/400)
        sig[:,1]+=np.sin(2*np.pi*f*1.003*t+rng.random())/ (1+f/300)
    sig+=rng.normal(0,0.15,sig.shape)*((t%0.5)<0.08)[:,None]
    sig*=env[:,None]; sig/=np.abs(sig).max()*(1.5 if name=='a' else 6)
    if name=='b': sig[:5*rate]*=0.001
    x=write(f'{name}.wav',sig,rate)
    print(name, round(lufs48(x),3))
