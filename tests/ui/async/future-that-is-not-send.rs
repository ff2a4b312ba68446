// An async output's future is `Send` unless the machine is `#[local]`: holding an `Rc` across
// an `.await` is refused where the output is implemented.
automat_rs::machine! {
    pub machine Widget {
        initial state Hidden;
        final state Shown;
        input show();
        async output render();
        Hidden + show => Shown / render;
    }
}

pub struct Screen(std::rc::Rc<u32>);

impl WidgetOutputs for Screen {
    async fn render(&mut self) {
        let frames = std::rc::Rc::clone(&self.0);
        std::future::ready(()).await;
        drop(frames);
    }
}

fn main() {}
