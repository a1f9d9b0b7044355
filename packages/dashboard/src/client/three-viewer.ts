import {
  AmbientLight,
  Box3,
  Color,
  DirectionalLight,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';

/**
 * Shows a `.glb` in `container` with three.js: lit, framed to fit, turned with the mouse. Resolves
 * once the model is on screen; returns a function that frees the renderer.
 */
export async function showModel(container: HTMLElement, url: string): Promise<() => void> {
  const width = container.clientWidth || 480;
  const height = container.clientHeight || 360;
  const renderer = new WebGLRenderer({ antialias: true });
  renderer.setSize(width, height);
  container.append(renderer.domElement);
  const scene = new Scene();
  scene.background = new Color(0xeeeeee);
  scene.add(new AmbientLight(0xffffff, 1.5));
  const sun = new DirectionalLight(0xffffff, 2);
  sun.position.set(3, 5, 4);
  scene.add(sun);
  const camera = new PerspectiveCamera(45, width / height, 0.01, 1000);
  const controls = new OrbitControls(camera, renderer.domElement);

  const gltf = await new GLTFLoader().loadAsync(url);
  scene.add(gltf.scene);
  const box = new Box3().setFromObject(gltf.scene);
  const size = box.isEmpty() ? 1 : Math.max(...box.getSize(new Vector3()).toArray(), 0.001);
  const center = box.isEmpty() ? new Vector3() : box.getCenter(new Vector3());
  camera.position.copy(center).add(new Vector3(size, size * 0.8, size * 1.6));
  camera.near = size / 100;
  camera.far = size * 100;
  camera.updateProjectionMatrix();
  controls.target.copy(center);
  controls.update();
  renderer.setAnimationLoop(() => {
    controls.update();
    renderer.render(scene, camera);
  });
  return () => {
    renderer.setAnimationLoop(null);
    controls.dispose();
    renderer.dispose();
    renderer.domElement.remove();
  };
}
